package io.pgautogen.canonical;

import io.pgautogen.sql.CreateStatement;

/**
 * A declared statement as actually sent to PostgreSQL: behind a head pgautogen writes itself, with
 * {@code OR REPLACE} where the server allows it, so that declaring an object that already exists
 * works and the server can only read the statement as one of the declared kind.
 *
 * @param head the declared statement's head
 * @param sql the text sent
 * @param orReplace whether the head says {@code OR REPLACE}
 */
record SentStatement(CreateStatement head, String sql, boolean orReplace) {

	/** Maps a 1-based position in {@link #sql()} to the declared statement. */
	int originalPosition(int position) {
		return this.head.originalPosition(position, this.orReplace);
	}
}

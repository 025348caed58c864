package io.pgautogen.canonical;

import io.pgautogen.sql.CreateStatement;

/**
 * A declared statement as actually sent to PostgreSQL: with {@code OR REPLACE} added where the
 * server allows it, so that declaring an object that already exists works.
 *
 * @param head the declared statement's head
 * @param orReplace whether {@code OR REPLACE} is added
 */
record SentStatement(CreateStatement head, boolean orReplace) {

	String sql() {
		return this.orReplace ? this.head.withOrReplace() : this.head.sql();
	}

	/** Maps a 1-based position in {@link #sql()} to the declared statement. */
	int originalPosition(int position) {
		return this.orReplace ? this.head.originalPosition(position) : position;
	}
}

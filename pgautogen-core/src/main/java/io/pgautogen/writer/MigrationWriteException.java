package io.pgautogen.writer;

import io.pgautogen.PgAutogenException;

/**
 * A migration could not be written: the output directory cannot be created, locked, listed or
 * written (full disk, read-only file system, a file where the directory should be), or another
 * process kept it locked. Nothing was written.
 */
public class MigrationWriteException extends PgAutogenException {

	public MigrationWriteException(String message, Throwable cause) {
		super(message, cause);
	}
}

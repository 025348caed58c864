package io.pgautogen.spring;

import io.pgautogen.PgAutogenException;

/** Writing was asked for, but no directory to write to is configured. */
public class WritingDisabledException extends PgAutogenException {

	public WritingDisabledException() {
		super("Writing migrations is disabled: spring.pgautogen.output-dir is empty. Set it to the directory your"
				+ " migrations live in, e.g. src/main/resources/db/migration, and try again.");
	}
}

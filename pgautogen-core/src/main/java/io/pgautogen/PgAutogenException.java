package io.pgautogen;

/** Base class of the exceptions pgautogen throws; every message says what went wrong and what to do. */
public class PgAutogenException extends RuntimeException {

	public PgAutogenException(String message) {
		super(message);
	}

	public PgAutogenException(String message, Throwable cause) {
		super(message, cause);
	}
}

package io.pgautogen.plan;

import io.pgautogen.PgAutogenException;

/** Planning failed for a reason other than an invalid declaration, e.g. the database could not be reached. */
public class PlanningException extends PgAutogenException {

	public PlanningException(String message) {
		super(message);
	}

	public PlanningException(String message, Throwable cause) {
		super(message, cause);
	}
}

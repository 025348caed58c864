package io.pgautogen.canonical;

import java.util.List;

import io.pgautogen.PgAutogenException;

/**
 * A sandbox statement waited the whole lock timeout for a table (or function) another session
 * holds. The declarations are fine; planning may try again once the sandbox is rolled back.
 */
public class LockTimeoutException extends PgAutogenException {

	private final List<String> objects;

	/** @param objects what could not be locked, as declared ({@code orders}, {@code app.orders}) */
	public LockTimeoutException(List<String> objects) {
		super("Could not lock " + String.join(", ", objects) + " within the lock timeout");
		this.objects = List.copyOf(objects);
	}

	/** What could not be locked. */
	public List<String> objects() {
		return this.objects;
	}
}

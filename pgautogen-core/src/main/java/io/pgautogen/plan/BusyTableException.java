package io.pgautogen.plan;

import java.util.List;

/**
 * Planning could not take a lock it needs within the lock timeout, on every attempt: another session
 * holds the table (or function) a declaration creates a trigger on (or replaces). Not a problem
 * with the declaration; nothing was changed.
 */
public class BusyTableException extends PlanningException {

	private final List<String> objects;

	/**
	 * @param objects the tables or functions that could not be locked
	 * @param message what happened, who holds the locks, and what to do
	 */
	public BusyTableException(List<String> objects, String message) {
		super(message);
		this.objects = List.copyOf(objects);
	}

	/** The tables or functions that could not be locked. */
	public List<String> objects() {
		return this.objects;
	}
}

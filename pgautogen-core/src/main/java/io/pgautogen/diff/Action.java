package io.pgautogen.diff;

import java.util.Locale;

/** What a migration does to one object. */
public enum Action {

	/** The object is declared but does not exist: create it. */
	CREATE,

	/** The object exists with another definition that {@code CREATE OR REPLACE} can turn into the declared one. */
	REPLACE,

	/**
	 * The object must be dropped and created again: PostgreSQL forbids {@code CREATE OR REPLACE} for this
	 * change (result type, OUT parameters, renamed parameters, removed defaults, function turned procedure,
	 * constraint triggers, any trigger before PostgreSQL 14, a view column dropped, renamed or retyped, any
	 * change to a materialized view, a view turned materialized view), or the object depends on one that
	 * is dropped or recreated.
	 */
	RECREATE,

	/** The object exists but is not declared: drop it. */
	DROP;

	/** Lower-case name, as shown in plans: {@code create}, {@code replace}, {@code recreate}, {@code drop}. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}
}

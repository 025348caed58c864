package io.pgautogen.catalog;

/**
 * An object that depends, directly or through other functions, on a function: PostgreSQL drops it
 * together with the function.
 *
 * @param type what it is
 * @param oid its oid in its own catalog
 * @param dependsOn the oid of the function it directly depends on
 * @param description PostgreSQL's description of it ({@code pg_describe_object}), schema-qualified
 */
public record Dependent(Type type, long oid, long dependsOn, String description) {

	/** What pgautogen can do with a dependent. */
	public enum Type {
		/** A function or procedure, which pgautogen can drop and recreate around the change. */
		FUNCTION,
		/** A trigger, which pgautogen can drop and recreate around the change. */
		TRIGGER,
		/**
		 * Anything else (a view, column default, constraint, index, policy, aggregate, an object of an
		 * extension): pgautogen cannot recreate it, so the function must not be dropped.
		 */
		OTHER
	}
}

package io.pgautogen.catalog;

/**
 * An object that depends, directly or through a chain of functions and views, on an object a
 * migration drops: PostgreSQL would drop it along.
 *
 * @param kind its kind when pgautogen can drop and recreate it, {@code null} otherwise (a column
 * default, constraint, table index, policy, aggregate, rule on a table, an object of an extension)
 * @param oid its oid
 * @param dependsOn the oid of the function, view or materialized view it directly depends on
 * @param description PostgreSQL's description of it ({@code pg_describe_object}), schema-qualified
 */
public record Dependent(ObjectKind kind, long oid, long dependsOn, String description) {

	/** Whether pgautogen can drop and recreate it. */
	public boolean recreatable() {
		return this.kind != null;
	}
}

package io.pgautogen.catalog;

import java.util.Objects;

/**
 * A function, procedure or trigger as PostgreSQL itself prints it: the definition comes from
 * {@code pg_get_functiondef} or {@code pg_get_triggerdef} read under an empty {@code search_path},
 * so every name in it is schema-qualified.
 *
 * @param kind function or trigger
 * @param identity {@code schema.name(argtypes)} for functions (PostgreSQL's {@code regprocedure}),
 * {@code schema.table.trigger} for triggers
 * @param schema the schema the object lives in (a trigger lives in its table's schema)
 * @param name the bare object name
 * @param definition the canonical {@code CREATE} statement, without trailing newline or semicolon;
 * {@code null} when the object was read without it ({@link CatalogReader#headers})
 * @param dropStatement the statement that drops the object
 * @param constraintTrigger whether this is a constraint trigger, which PostgreSQL can never replace
 * in place
 * @param sqlStringBody whether this is a {@code LANGUAGE sql} routine with a string body, which
 * PostgreSQL checks against the catalog when it is created (unless {@code check_function_bodies} is
 * off)
 */
public record CatalogObject(ObjectKind kind, String identity, String schema, String name, String definition,
		String dropStatement, boolean constraintTrigger, boolean sqlStringBody) {

	private static final String CREATE_TRIGGER = "CREATE TRIGGER ";

	public CatalogObject {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(identity, "identity");
		Objects.requireNonNull(dropStatement, "dropStatement");
	}

	/** This object with {@code newDefinition}. */
	public CatalogObject withDefinition(String newDefinition) {
		return new CatalogObject(this.kind, this.identity, this.schema, this.name, newDefinition, this.dropStatement,
				this.constraintTrigger, this.sqlStringBody);
	}

	/** {@link #dropStatement()} with {@code IF EXISTS}, for drops that an earlier cascade may have done already. */
	public String dropIfExistsStatement() {
		int space = this.dropStatement.indexOf(' ', "DROP ".length());
		return this.dropStatement.substring(0, space) + " IF EXISTS" + this.dropStatement.substring(space);
	}

	/**
	 * The statement that turns an existing object of the same identity into this one in place:
	 * {@code CREATE OR REPLACE FUNCTION …} or {@code CREATE OR REPLACE TRIGGER …} (PostgreSQL 14+).
	 */
	public String replaceStatement() {
		if (this.kind == ObjectKind.TRIGGER && this.definition.startsWith(CREATE_TRIGGER)) {
			return "CREATE OR REPLACE TRIGGER " + this.definition.substring(CREATE_TRIGGER.length());
		}
		return this.definition;
	}
}

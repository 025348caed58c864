package io.pgautogen.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A managed object as PostgreSQL itself prints it: the definition comes from
 * {@code pg_get_functiondef}, {@code pg_get_triggerdef}, {@code pg_get_viewdef} and
 * {@code pg_get_indexdef} read under an empty {@code search_path}, so every name in it is
 * schema-qualified.
 *
 * @param kind what it is
 * @param identity {@code schema.name(argtypes)} for functions (PostgreSQL's {@code regprocedure}),
 * {@code schema.table.trigger} for triggers, {@code schema.name} for views and materialized views
 * @param schema the schema the object lives in (a trigger lives in its table's schema)
 * @param name the bare object name
 * @param definition the canonical text compared between databases, without trailing newline or
 * semicolon (a materialized view's includes its indexes); {@code null} when the object was read
 * without it ({@link CatalogReader#headers})
 * @param dropStatement the statement that drops the object
 * @param createStatements the statements that create the object, in order; empty when read without
 * definition
 * @param columns for views and materialized views, each column as {@code name type}, in order
 * @param traits what else decides how the object can be changed
 */
public record CatalogObject(ObjectKind kind, String identity, String schema, String name, String definition,
		String dropStatement, List<String> createStatements, List<String> columns, Set<Trait> traits) {

	public CatalogObject {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(identity, "identity");
		Objects.requireNonNull(dropStatement, "dropStatement");
		createStatements = List.copyOf(createStatements);
		columns = List.copyOf(columns);
		traits = Set.copyOf(traits);
	}

	/** What else, besides its definition, decides how an object can be changed. */
	public enum Trait {

		/** A constraint trigger, which PostgreSQL can never replace in place. */
		CONSTRAINT_TRIGGER,

		/**
		 * A {@code LANGUAGE sql} routine with a string body, which PostgreSQL checks against the catalog
		 * when it is created (unless {@code check_function_bodies} is off).
		 */
		SQL_STRING_BODY,

		/** A materialized view that holds data ({@code WITH DATA}), or is declared to. */
		POPULATED
	}

	/** Whether this is a constraint trigger. */
	public boolean constraintTrigger() {
		return this.traits.contains(Trait.CONSTRAINT_TRIGGER);
	}

	/** Whether this is a {@code LANGUAGE sql} routine with a string body. */
	public boolean sqlStringBody() {
		return this.traits.contains(Trait.SQL_STRING_BODY);
	}

	/** This object with {@code newTraits}. */
	public CatalogObject withTraits(Set<Trait> newTraits) {
		return new CatalogObject(this.kind, this.identity, this.schema, this.name, this.definition, this.dropStatement,
				this.createStatements, this.columns, newTraits);
	}

	/** {@link #dropStatement()} with {@code IF EXISTS}, for drops that an earlier cascade may have done already. */
	public String dropIfExistsStatement() {
		// The keywords are upper case; a name printed without quotes never is.
		int end = 0;
		while (end < this.dropStatement.length()) {
			int space = this.dropStatement.indexOf(' ', end);
			String word = this.dropStatement.substring(end, (space < 0) ? this.dropStatement.length() : space);
			if (space < 0 || !word.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
				break;
			}
			end = space + 1;
		}
		return this.dropStatement.substring(0, end) + "IF EXISTS " + this.dropStatement.substring(end);
	}
}

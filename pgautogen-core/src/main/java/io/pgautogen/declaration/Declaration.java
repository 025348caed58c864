package io.pgautogen.declaration;

import io.pgautogen.catalog.ObjectKind;

/**
 * One desired database object, declared as the {@code CREATE} statement that makes it. Declaring an
 * object of a kind makes pgautogen manage that kind: every object of the kind in the inspected
 * schemas that is not declared will be dropped.
 */
public sealed interface Declaration permits PgFunction, PgView, PgMaterializedView, PgTrigger {

	/** The {@code CREATE} statement; {@code OR REPLACE} and a trailing semicolon are optional. */
	String sql();

	/** Where the declaration came from. */
	DeclarationSource source();

	/** The kind of object the statement creates. */
	ObjectKind kind();

	/** The same declaration, attributed to {@code newSource}. */
	Declaration withSource(DeclarationSource newSource);

	/** A declaration of {@code kind} holding {@code sql}. */
	static Declaration of(ObjectKind kind, String sql, DeclarationSource source) {
		return switch (kind) {
			case FUNCTION -> new PgFunction(sql, source);
			case VIEW -> new PgView(sql, source);
			case MATERIALIZED_VIEW -> new PgMaterializedView(sql, source);
			case TRIGGER -> new PgTrigger(sql, source);
		};
	}
}

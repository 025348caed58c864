package io.pgautogen.declaration;

import java.util.Objects;

import io.pgautogen.catalog.ObjectKind;

/**
 * A declared trigger: one {@code CREATE [OR REPLACE] [CONSTRAINT] TRIGGER} statement. The table
 * and the trigger function must exist (the function may be declared too).
 *
 * @param sql the statement
 * @param source where it came from
 */
public record PgTrigger(String sql, DeclarationSource source) implements Declaration {

	public PgTrigger {
		Objects.requireNonNull(sql, "sql");
		Objects.requireNonNull(source, "source");
	}

	/** A trigger declared in code; the Spring integration names it after its bean. */
	public static PgTrigger of(String sql) {
		return new PgTrigger(sql, DeclarationSource.described("PgTrigger.of(...)"));
	}

	@Override
	public PgTrigger withSource(DeclarationSource newSource) {
		return new PgTrigger(this.sql, newSource);
	}

	@Override
	public ObjectKind kind() {
		return ObjectKind.TRIGGER;
	}
}

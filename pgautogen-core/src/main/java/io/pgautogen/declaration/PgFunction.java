package io.pgautogen.declaration;

import java.util.Objects;

import io.pgautogen.catalog.ObjectKind;

/**
 * A declared function or procedure: one {@code CREATE [OR REPLACE] FUNCTION} or
 * {@code CREATE [OR REPLACE] PROCEDURE} statement.
 *
 * <pre>{@code
 * @Bean
 * PgFunction touchUpdatedAt() {
 *     return PgFunction.of("""
 *         CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
 *         BEGIN NEW.updated_at := now(); RETURN NEW; END $$""");
 * }
 * }</pre>
 *
 * @param sql the statement
 * @param source where it came from
 */
public record PgFunction(String sql, DeclarationSource source) implements Declaration {

	public PgFunction {
		Objects.requireNonNull(sql, "sql");
		Objects.requireNonNull(source, "source");
	}

	/** A function declared in code; the Spring integration names it after its bean. */
	public static PgFunction of(String sql) {
		return new PgFunction(sql, DeclarationSource.described("PgFunction.of(...)"));
	}

	@Override
	public PgFunction withSource(DeclarationSource newSource) {
		return new PgFunction(this.sql, newSource);
	}

	@Override
	public ObjectKind kind() {
		return ObjectKind.FUNCTION;
	}
}

package io.pgautogen.declaration;

import java.util.Objects;

import io.pgautogen.catalog.ObjectKind;

/**
 * A declared materialized view, {@code CREATE MATERIALIZED VIEW … [WITH [NO] DATA]}, or one of its
 * indexes, {@code CREATE [UNIQUE] INDEX … ON the_view}: the indexes are part of the materialized
 * view. Planning creates it {@code WITH NO DATA} and never runs its query; a migration that
 * (re)creates it runs the query, unless it is declared {@code WITH NO DATA}.
 *
 * @param sql the statement
 * @param source where it came from
 */
public record PgMaterializedView(String sql, DeclarationSource source) implements Declaration {

	public PgMaterializedView {
		Objects.requireNonNull(sql, "sql");
		Objects.requireNonNull(source, "source");
	}

	/** A materialized view or index declared in code; the Spring integration names it after its bean. */
	public static PgMaterializedView of(String sql) {
		return new PgMaterializedView(sql, DeclarationSource.described("PgMaterializedView.of(...)"));
	}

	@Override
	public PgMaterializedView withSource(DeclarationSource newSource) {
		return new PgMaterializedView(this.sql, newSource);
	}

	@Override
	public ObjectKind kind() {
		return ObjectKind.MATERIALIZED_VIEW;
	}
}

package io.pgautogen.declaration;

import java.util.Objects;

import io.pgautogen.catalog.ObjectKind;

/**
 * A declared view: one {@code CREATE [OR REPLACE] [RECURSIVE] VIEW} statement. It may select from
 * tables, from functions and from other views, declared or not, in any declaration order.
 *
 * <pre>{@code
 * @Bean
 * PgView openOrders() {
 *     return PgView.of("CREATE VIEW open_orders AS SELECT id, total FROM orders WHERE status = 'open'");
 * }
 * }</pre>
 *
 * @param sql the statement
 * @param source where it came from
 */
public record PgView(String sql, DeclarationSource source) implements Declaration {

	public PgView {
		Objects.requireNonNull(sql, "sql");
		Objects.requireNonNull(source, "source");
	}

	/** A view declared in code; the Spring integration names it after its bean. */
	public static PgView of(String sql) {
		return new PgView(sql, DeclarationSource.described("PgView.of(...)"));
	}

	@Override
	public PgView withSource(DeclarationSource newSource) {
		return new PgView(this.sql, newSource);
	}

	@Override
	public ObjectKind kind() {
		return ObjectKind.VIEW;
	}
}

package io.pgautogen.kind;

import java.util.Set;

import io.pgautogen.catalog.CatalogObject;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.ServerVersion;
import io.pgautogen.sql.CreateStatement;

/**
 * Views, recursive ones included. The canonical form is {@code CREATE VIEW schema.name [WITH
 * (options)] AS query}: {@code pg_get_viewdef} under an empty {@code search_path} names the columns
 * in the query, and {@code check_option}, {@code security_barrier} and {@code security_invoker} are
 * options.
 */
final class ViewKind extends RelationKind {

	ViewKind() {
		super('v', "VIEW", "'CREATE VIEW ' || pg_catalog.format('%I.%I', n.nspname, c.relname) || " + OPTIONS
				+ " || E' AS\\n' || " + QUERY, "'{}'::text[]", "'{}'::text[]");
	}

	@Override
	public ObjectKind kind() {
		return ObjectKind.VIEW;
	}

	@Override
	public boolean declares(CreateStatement head) {
		return head.createsView();
	}

	@Override
	public String expectedStatements() {
		return "CREATE [OR REPLACE] [RECURSIVE] VIEW";
	}

	@Override
	public String declarationType() {
		return "PgView";
	}

	@Override
	public SandboxStatement sandboxStatement(CreateStatement head, ServerVersion server) {
		return new SandboxStatement(head.rewritten(true), true);
	}

	/** A column dropped, renamed or retyped (42P16); a materialized view or table in the way (42809). */
	@Override
	public Set<String> refusedReplacement() {
		return Set.of("42P16", "42809");
	}

	/**
	 * {@code CREATE OR REPLACE VIEW} keeps every existing column's name, type and position and may
	 * only append columns.
	 */
	@Override
	public boolean replaceable(CatalogObject from, CatalogObject to, ServerVersion server) {
		return from.kind() == to.kind() && to.columns().size() >= from.columns().size()
				&& to.columns().subList(0, from.columns().size()).equals(from.columns());
	}

	@Override
	public String replaceStatement(CatalogObject desired) {
		return "CREATE OR REPLACE VIEW " + desired.definition().substring("CREATE VIEW ".length());
	}
}

package io.pgautogen.kind;

import java.util.Set;

import io.pgautogen.catalog.CatalogObject;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.ServerVersion;
import io.pgautogen.sql.CreateStatement;

/**
 * Triggers on tables and views, constraint triggers included: {@code pg_trigger}, printed by
 * {@code pg_get_triggerdef}. Internal triggers (behind foreign keys) and the copies PostgreSQL makes
 * on each partition are never read: the parent's trigger stands for them.
 */
final class TriggerKind implements KindSupport {

	private static final String CREATE_TRIGGER = "CREATE TRIGGER ";

	private static final String TRIGGER_ROWS = "JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
			+ " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace";

	private static final KindQueries QUERIES = new KindQueries("pg_catalog.pg_trigger t", """
			SELECT t.oid,
			       pg_catalog.format('%I.%I.%I', n.nspname, c.relname, t.tgname),
			       n.nspname,
			       t.tgname,
			       {definition},
			       pg_catalog.format('DROP TRIGGER %I ON %I.%I', t.tgname, n.nspname, c.relname),
			       '{}'::text[],
			       CASE WHEN t.tgconstraint <> 0 THEN '{CONSTRAINT_TRIGGER}' ELSE '{}' END::text[],
			       '{}'::text[],
			       {hash}
			FROM {rows}
			""" + TRIGGER_ROWS + """

			WHERE NOT t.tgisinternal
			  AND t.tgparentid = 0
			  AND t.oid NOT IN (SELECT e.objid FROM pg_catalog.pg_depend e
			                    WHERE e.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
			                      AND e.classid = 'pg_catalog.pg_trigger'::pg_catalog.regclass AND e.deptype = 'e')
			  AND c.oid NOT IN (SELECT e.objid FROM pg_catalog.pg_depend e
			                    WHERE e.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
			                      AND e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND e.deptype = 'e')
			""", "pg_catalog.pg_get_triggerdef(t.oid)",
			"pg_catalog.pg_trigger t " + TRIGGER_ROWS + " WHERE NOT t.tgisinternal AND t.tgparentid = 0",
			"pg_catalog.format('%I.%I.%I', n.nspname, c.relname, t.tgname)", "pg_catalog.md5(t::text)");

	private static final String RESTORE = """
			SELECT t.oid, pg_catalog.format('COMMENT ON TRIGGER %I ON %I.%I IS %L', t.tgname, n.nspname, c.relname,
			       d.description)
			FROM t
			""" + TRIGGER_ROWS + """

			JOIN pg_catalog.pg_description d ON d.classoid = 'pg_catalog.pg_trigger'::pg_catalog.regclass AND d.objoid = t.oid
			""";

	@Override
	public ObjectKind kind() {
		return ObjectKind.TRIGGER;
	}

	@Override
	public boolean declares(CreateStatement head) {
		return head.createsTrigger();
	}

	@Override
	public String expectedStatements() {
		return "CREATE TRIGGER";
	}

	@Override
	public String declarationType() {
		return "PgTrigger";
	}

	@Override
	public SandboxStatement sandboxStatement(CreateStatement head, ServerVersion server) {
		boolean orReplace = server.supportsCreateOrReplaceTrigger() && head.objectType().equals("trigger");
		return new SandboxStatement(head.rewritten(orReplace), orReplace);
	}

	@Override
	public Set<String> refusedReplacement() {
		return Set.of("42710", "42809");
	}

	/**
	 * Without {@code CREATE OR REPLACE TRIGGER} (PostgreSQL 13), and for constraint triggers (never
	 * replaceable), declared triggers can only be created once the existing ones are gone.
	 */
	@Override
	public boolean droppedBeforeSandbox(CatalogObject existing, ServerVersion server) {
		return existing.constraintTrigger() || !server.supportsCreateOrReplaceTrigger();
	}

	@Override
	public KindQueries queries() {
		return QUERIES;
	}

	@Override
	public boolean replaceable(CatalogObject from, CatalogObject to, ServerVersion server) {
		return server.supportsCreateOrReplaceTrigger() && !from.constraintTrigger() && !to.constraintTrigger();
	}

	/** {@code CREATE OR REPLACE TRIGGER …} (PostgreSQL 14+). */
	@Override
	public String replaceStatement(CatalogObject desired) {
		String definition = desired.definition();
		return definition.startsWith(CREATE_TRIGGER)
				? "CREATE OR REPLACE TRIGGER " + definition.substring(CREATE_TRIGGER.length()) : definition;
	}

	@Override
	public String restoreQuery() {
		return RESTORE;
	}
}

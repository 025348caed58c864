package io.pgautogen.kind;

import java.util.Set;

import io.pgautogen.catalog.CatalogObject;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.ServerVersion;
import io.pgautogen.sql.CreateStatement;

/** Functions and procedures: {@code pg_proc}, printed by {@code pg_get_functiondef}. */
final class FunctionKind implements KindSupport {

	private static final KindQueries QUERIES = new KindQueries("pg_catalog.pg_proc p", """
			SELECT p.oid,
			       p.oid::pg_catalog.regprocedure::text,
			       n.nspname,
			       p.proname,
			       {definition},
			       pg_catalog.format('DROP %s %s', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
			                         p.oid::pg_catalog.regprocedure),
			       '{}'::text[],
			       CASE WHEN l.lanname = 'sql' AND p.prosrc <> '' THEN '{SQL_STRING_BODY}' ELSE '{}' END::text[],
			       '{}'::text[],
			       {hash}
			FROM {rows}
			JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
			JOIN pg_catalog.pg_language l ON l.oid = p.prolang
			WHERE p.prokind IN ('f', 'p')
			  AND p.oid NOT IN (SELECT e.objid FROM pg_catalog.pg_depend e
			                    WHERE e.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
			                      AND e.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND e.deptype = 'e')
			""", "pg_catalog.pg_get_functiondef(p.oid)",
			"pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE p.prokind IN ('f', 'p')",
			"p.oid::pg_catalog.regprocedure::text", "pg_catalog.md5(p::text)");

	private static final String RESTORE = """
			SELECT r.oid, r.statement FROM (
			    SELECT p.oid, 0 AS position,
			           pg_catalog.format('REVOKE ALL ON ROUTINE %s FROM PUBLIC', p.oid::pg_catalog.regprocedure) AS statement
			    FROM p WHERE p.proacl IS NOT NULL
			  UNION ALL
			    SELECT p.oid, 1, pg_catalog.format('GRANT %s ON ROUTINE %s TO %s%s', a.privilege_type,
			           p.oid::pg_catalog.regprocedure,
			           CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END,
			           CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
			    FROM p CROSS JOIN LATERAL pg_catalog.aclexplode(p.proacl) a
			    WHERE a.grantee <> p.proowner
			  UNION ALL
			    SELECT p.oid, 2, pg_catalog.format('COMMENT ON ROUTINE %s IS %L', p.oid::pg_catalog.regprocedure, d.description)
			    FROM p
			    JOIN pg_catalog.pg_description d ON d.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass
			     AND d.objoid = p.oid AND d.objsubid = 0
			) r ORDER BY r.oid, r.position, r.statement
			""";

	@Override
	public ObjectKind kind() {
		return ObjectKind.FUNCTION;
	}

	@Override
	public boolean declares(CreateStatement head) {
		return head.createsRoutine();
	}

	@Override
	public String expectedStatements() {
		return "CREATE FUNCTION or CREATE PROCEDURE";
	}

	@Override
	public String declarationType() {
		return "PgFunction";
	}

	@Override
	public SandboxStatement sandboxStatement(CreateStatement head, ServerVersion server) {
		return new SandboxStatement(head.rewritten(true), true);
	}

	/** Result type or OUT parameters changed, parameter renamed, default removed; function turned procedure. */
	@Override
	public Set<String> refusedReplacement() {
		return Set.of("42P13", "42809");
	}

	@Override
	public KindQueries queries() {
		return QUERIES;
	}

	/**
	 * Within what the definitions tell: the planner also asks the server whether the replacement
	 * can be undone ({@code ReplacementProbe}); a displaced function is recreated.
	 */
	@Override
	public boolean replaceable(CatalogObject from, CatalogObject to, ServerVersion server) {
		return true;
	}

	@Override
	public String replaceStatement(CatalogObject desired) {
		return desired.definition();
	}

	@Override
	public String restoreQuery() {
		return RESTORE;
	}
}

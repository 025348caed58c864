package io.pgautogen.kind;

import java.util.Set;

import io.pgautogen.catalog.ObjectKind;

/**
 * What views and materialized views share: a {@code pg_class} row of their own {@code relkind},
 * printed by {@code pg_get_viewdef}, with columns, options, privileges and comments.
 */
abstract class RelationKind implements KindSupport {

	private static final String COLUMNS = """
			ARRAY(SELECT pg_catalog.format('%I %s%s', a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod),
			                               CASE WHEN a.attcollation NOT IN (0, ty.typcollation)
			                                    THEN ' COLLATE ' || a.attcollation::pg_catalog.regcollation::text ELSE '' END)
			      FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
			      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum)""";

	/** Storage options in a stable order, as {@code WITH (name='value', …)}, or nothing. */
	static final String OPTIONS = """
			COALESCE(' WITH (' || (SELECT pg_catalog.string_agg(pg_catalog.format('%s=%L',
			             pg_catalog.split_part(o, '=', 1), pg_catalog.substr(o, pg_catalog.strpos(o, '=') + 1)), ', ' ORDER BY o)
			           FROM pg_catalog.unnest(c.reloptions) o) || ')', '')""";

	/** The query, without the semicolon {@code pg_get_viewdef} ends it with. */
	static final String QUERY = "pg_catalog.rtrim(pg_catalog.pg_get_viewdef(c.oid), ';')";

	private static final String RESTORE = """
			SELECT r.oid, r.statement FROM (
			    SELECT c.oid, 1 AS position, pg_catalog.format('GRANT %s ON %s TO %s%s', a.privilege_type,
			           c.oid::pg_catalog.regclass, {grantee}) AS statement
			    FROM c CROSS JOIN LATERAL pg_catalog.aclexplode(c.relacl) a
			    WHERE a.grantee <> c.relowner
			  UNION ALL
			    SELECT c.oid, 2, pg_catalog.format('GRANT %s (%I) ON %s TO %s%s', a.privilege_type, att.attname,
			           c.oid::pg_catalog.regclass, {grantee})
			    FROM c JOIN pg_catalog.pg_attribute att ON att.attrelid = c.oid AND att.attnum > 0 AND att.attacl IS NOT NULL
			    CROSS JOIN LATERAL pg_catalog.aclexplode(att.attacl) a
			    WHERE a.grantee <> c.relowner
			  UNION ALL
			    SELECT c.oid, 3, pg_catalog.format('COMMENT ON {keyword} %s IS %L', c.oid::pg_catalog.regclass, d.description)
			    FROM c JOIN pg_catalog.pg_description d ON d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
			     AND d.objoid = c.oid AND d.objsubid = 0
			  UNION ALL
			    SELECT c.oid, 4, pg_catalog.format('COMMENT ON COLUMN %s.%I IS %L', c.oid::pg_catalog.regclass, att.attname,
			           d.description)
			    FROM c JOIN pg_catalog.pg_description d ON d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
			     AND d.objoid = c.oid AND d.objsubid > 0
			    JOIN pg_catalog.pg_attribute att ON att.attrelid = c.oid AND att.attnum = d.objsubid
			  UNION ALL
			    SELECT c.oid, 5, pg_catalog.format('COMMENT ON INDEX %s IS %L', i.indexrelid::pg_catalog.regclass, d.description)
			    FROM c JOIN pg_catalog.pg_index i ON i.indrelid = c.oid
			    JOIN pg_catalog.pg_description d ON d.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
			     AND d.objoid = i.indexrelid AND d.objsubid = 0
			) r ORDER BY r.oid, r.position, r.statement
			""".replace("{grantee}", """
			CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END,
			           CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END""");

	private final KindQueries queries;

	private final String restore;

	/**
	 * @param relkind the {@code pg_class.relkind}
	 * @param keyword the SQL keyword(s): {@code VIEW}
	 * @param definition the expression printing the main statement
	 * @param traits the expression of the traits array
	 * @param attached the expression of the attached statements array
	 */
	RelationKind(char relkind, String keyword, String definition, String traits, String attached) {
		String written = "pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = '"
				+ relkind + "'";
		String objects = """
				SELECT c.oid,
				       pg_catalog.format('%I.%I', n.nspname, c.relname),
				       n.nspname,
				       c.relname,
				       {definition},
				       pg_catalog.format('DROP {keyword} %I.%I', n.nspname, c.relname),
				       {columns},
				       {traits},
				       {attached},
				       {hash}
				FROM {rows}
				JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
				WHERE c.relkind = '{relkind}'
				  AND c.oid NOT IN (SELECT e.objid FROM pg_catalog.pg_depend e
				                    WHERE e.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
				                      AND e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND e.deptype = 'e')
				""".replace("{keyword}", keyword)
			.replace("{columns}", COLUMNS)
			.replace("{traits}", traits)
			.replace("{attached}", attached)
			.replace("{relkind}", String.valueOf(relkind));
		// A view's query lives in its rewrite rule, which CREATE OR REPLACE rewrites with its pg_class row.
		// The rule's query tree records where in the statement's text each part stood: without those
		// positions, the same query written another way has the same digest.
		String hash = "pg_catalog.md5(c::text || COALESCE((SELECT pg_catalog.regexp_replace(r.ev_action::text,"
				+ " ':(stmt_location|location|stmt_len) -?[0-9]+', '', 'g') FROM pg_catalog.pg_rewrite r"
				+ " WHERE r.ev_class = c.oid AND r.rulename = '_RETURN'), ''))";
		this.queries = new KindQueries("pg_catalog.pg_class c", objects, definition, written,
				"pg_catalog.format('%I.%I', n.nspname, c.relname)", hash);
		this.restore = RESTORE.replace("{keyword}", keyword);
	}

	@Override
	public KindQueries queries() {
		return this.queries;
	}

	/** A view declared where a materialized view is, or the other way round, displaces it. */
	@Override
	public Set<ObjectKind> collidesWith() {
		return Set.of(ObjectKind.VIEW, ObjectKind.MATERIALIZED_VIEW);
	}

	@Override
	public String restoreQuery() {
		return this.restore;
	}
}

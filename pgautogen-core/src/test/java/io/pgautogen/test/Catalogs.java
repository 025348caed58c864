package io.pgautogen.test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What tests compare databases by. */
public final class Catalogs {

	private static final String DEFINITIONS = """
			SELECT kind || ' ' || identity || E'\\n' || definition, attributes FROM (
			  SELECT 'function' AS kind, p.oid::regprocedure::text AS identity, pg_get_functiondef(p.oid) AS definition,
			         'acl ' || coalesce(p.proacl::text, 'default') || ', comment ' || coalesce(obj_description(p.oid, 'pg_proc'), 'none')
			           AS attributes
			  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
			  WHERE p.prokind IN ('f', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
			  UNION ALL
			  SELECT 'trigger', format('%I.%I.%I', n.nspname, c.relname, t.tgname), pg_get_triggerdef(t.oid),
			         'comment ' || coalesce(obj_description(t.oid, 'pg_trigger'), 'none')
			  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
			  WHERE NOT t.tgisinternal AND n.nspname NOT IN ('pg_catalog', 'information_schema')
			  UNION ALL
			  SELECT CASE c.relkind WHEN 'v' THEN 'view' ELSE 'materialized-view' END, format('%I.%I', n.nspname, c.relname),
			         pg_get_viewdef(c.oid) || E'\n-- options ' || coalesce(c.reloptions::text, 'none')
			           || ', populated ' || c.relispopulated || E'\n-- columns '
			           || (SELECT string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum)
			               FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)
			           || coalesce((SELECT string_agg(E'\n' || pg_get_indexdef(i.indexrelid), '' ORDER BY i.indexrelid::regclass::text)
			                        FROM pg_index i WHERE i.indrelid = c.oid), ''),
			         'acl ' || coalesce(c.relacl::text, 'default') || ', comment ' || coalesce(obj_description(c.oid, 'pg_class'), 'none')
			           || coalesce((SELECT ', ' || string_agg(format('column %I acl %s comment %s', a.attname,
			                          coalesce(a.attacl::text, 'default'), coalesce(col_description(c.oid, a.attnum), 'none')), ', '
			                          ORDER BY a.attnum)
			                        FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0
			                         AND (a.attacl IS NOT NULL OR col_description(c.oid, a.attnum) IS NOT NULL)), '')
			           || coalesce((SELECT ', ' || string_agg(format('index %s comment %s', i.indexrelid::regclass,
			                          obj_description(i.indexrelid, 'pg_class')), ', ' ORDER BY i.indexrelid::regclass::text)
			                        FROM pg_index i WHERE i.indrelid = c.oid AND obj_description(i.indexrelid, 'pg_class') IS NOT NULL), '')
			  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			  WHERE c.relkind IN ('v', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
			) objects ORDER BY kind, identity
			""";

	private static final List<String> FINGERPRINTED = List.of("pg_proc", "pg_trigger", "pg_class", "pg_attribute",
			"pg_depend", "pg_constraint", "pg_namespace", "pg_rewrite", "pg_attrdef", "pg_description", "pg_type");

	/** What autovacuum updates in {@code pg_class} rows. */
	private static final String AUTOVACUUM_COLUMNS = "ARRAY['relpages', 'reltuples', 'relallvisible', 'relallfrozen',"
			+ " 'relfrozenxid', 'relminmxid']";

	private Catalogs() {
	}

	/**
	 * Every function, procedure, trigger, view and materialized view outside system schemas,
	 * extension-owned objects and partition copies included, as PostgreSQL prints them under an empty
	 * search_path, with their privileges and comments (a view's columns' and a materialized view's
	 * indexes' included) and whether a materialized view holds data.
	 */
	public static Map<String, String> definitions(TestDatabase database) {
		Map<String, String> definitions = new LinkedHashMap<>();
		objects(database).forEach((key, value) -> definitions.put(key, value[0] + "\n-- " + value[1]));
		return definitions;
	}

	/** Object ({@code kind identity}) to its privileges and comment. */
	public static Map<String, String> attributes(TestDatabase database) {
		Map<String, String> attributes = new LinkedHashMap<>();
		objects(database).forEach((key, value) -> attributes.put(key, value[1]));
		return attributes;
	}

	private static Map<String, String[]> objects(TestDatabase database) {
		Map<String, String[]> objects = new LinkedHashMap<>();
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("SET search_path = ''");
			try (ResultSet rs = statement.executeQuery(DEFINITIONS)) {
				while (rs.next()) {
					String row = rs.getString(1);
					int newline = row.indexOf('\n');
					objects.put(row.substring(0, newline), new String[] { row.substring(newline + 1), rs.getString(2) });
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return objects;
	}

	/**
	 * A digest of the raw rows of the catalogs DDL on functions and triggers can touch: equal digests
	 * mean nothing was left behind. The size estimates and freeze horizons that autovacuum keeps in
	 * {@code pg_class} are left out: they change on their own.
	 */
	public static Map<String, String> fingerprint(TestDatabase database) {
		Map<String, String> digests = new LinkedHashMap<>();
		for (String catalog : FINGERPRINTED) {
			String row = catalog.equals("pg_class") ? "(to_jsonb(x) - " + AUTOVACUUM_COLUMNS + ")::text" : "x::text";
			digests.put(catalog, database.queryString("SELECT md5(coalesce(string_agg(" + row + ", '|' ORDER BY " + row
					+ "), '')) FROM pg_catalog." + catalog + " x"));
		}
		return digests;
	}

	/**
	 * Client sessions on {@code database} other than the caller's that are inside a transaction, or
	 * hold locks. Autovacuum workers, which the sandbox's dead catalog rows wake up, are not sessions
	 * pgautogen could have left behind.
	 */
	public static List<String> openTransactionsAndLocks(TestDatabase database) {
		return database.queryStrings("""
				SELECT a.pid || ' ' || coalesce(a.state, '') || ' ' || coalesce(l.locktype, '') || ' ' || coalesce(l.mode, '')
				FROM pg_stat_activity a LEFT JOIN pg_locks l ON l.pid = a.pid AND l.locktype <> 'virtualxid'
				WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.backend_type = 'client backend'
				  AND (a.state LIKE 'idle in transaction%' OR l.pid IS NOT NULL)
				""");
	}
}

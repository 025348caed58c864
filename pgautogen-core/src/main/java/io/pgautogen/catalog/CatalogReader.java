package io.pgautogen.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads functions and triggers from the catalog in bulk: one query per kind, whatever the number of
 * objects. Every read runs under an empty {@code search_path}, so identities and definitions are
 * fully schema-qualified and mean the same thing under any {@code search_path}.
 * <p>
 * Never read: objects in system schemas, objects that belong to an extension, internal triggers
 * (e.g. those behind foreign keys), and the copies of a trigger PostgreSQL makes on each partition
 * of a partitioned table (the parent's trigger stands for them).
 * <p>
 * The connection must be inside a transaction; the reader changes {@code search_path} only for the
 * duration of each read, with {@code set_config(…, true)}.
 */
public final class CatalogReader {

	private static final String USER_NAMESPACE = "n.nspname NOT IN ('pg_catalog', 'information_schema')"
			+ " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

	private static final String FUNCTIONS = """
			SELECT p.oid,
			       p.oid::pg_catalog.regprocedure::text,
			       n.nspname,
			       p.proname,
			       pg_catalog.pg_get_functiondef(p.oid),
			       CASE WHEN p.prokind = 'p' THEN 'DROP PROCEDURE ' ELSE 'DROP FUNCTION ' END
			           || p.oid::pg_catalog.regprocedure::text,
			       l.lanname = 'sql' AND p.prosrc <> '',
			       pg_catalog.md5(p::text),
			       ARRAY(SELECT r.statement FROM (
			           SELECT 0, pg_catalog.format('REVOKE ALL ON ROUTINE %s FROM PUBLIC', p.oid::pg_catalog.regprocedure)
			           WHERE p.proacl IS NOT NULL
			         UNION ALL
			           SELECT 1, pg_catalog.format('GRANT %s ON ROUTINE %s TO %s%s', a.privilege_type,
			               p.oid::pg_catalog.regprocedure,
			               CASE WHEN a.grantee = 0 THEN 'PUBLIC'
			                    ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END,
			               CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
			           FROM pg_catalog.aclexplode(p.proacl) a WHERE a.grantee <> p.proowner
			         UNION ALL
			           SELECT 2, pg_catalog.format('COMMENT ON ROUTINE %s IS %L', p.oid::pg_catalog.regprocedure,
			               d.description)
			           FROM pg_catalog.pg_description d
			           WHERE d.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objoid = p.oid
			             AND d.objsubid = 0) r(position, statement) ORDER BY r.position, r.statement)
			FROM pg_catalog.pg_proc p
			JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
			JOIN pg_catalog.pg_language l ON l.oid = p.prolang
			WHERE p.prokind IN ('f', 'p')
			  AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend e
			                  WHERE e.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
			                    AND e.objid = p.oid AND e.deptype = 'e')
			""";

	private static final String TRIGGERS = """
			SELECT t.oid,
			       pg_catalog.format('%I.%I.%I', n.nspname, c.relname, t.tgname),
			       n.nspname,
			       t.tgname,
			       pg_catalog.pg_get_triggerdef(t.oid),
			       pg_catalog.format('DROP TRIGGER %I ON %I.%I', t.tgname, n.nspname, c.relname),
			       t.tgconstraint <> 0,
			       pg_catalog.md5(t::text),
			       ARRAY(SELECT pg_catalog.format('COMMENT ON TRIGGER %I ON %I.%I IS %L', t.tgname, n.nspname, c.relname,
			               d.description)
			           FROM pg_catalog.pg_description d
			           WHERE d.classoid = 'pg_catalog.pg_trigger'::pg_catalog.regclass AND d.objoid = t.oid)
			FROM pg_catalog.pg_trigger t
			JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
			JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
			WHERE NOT t.tgisinternal
			  AND t.tgparentid = 0
			  AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend e
			                  WHERE e.classid = 'pg_catalog.pg_trigger'::pg_catalog.regclass
			                    AND e.objid = t.oid AND e.deptype = 'e')
			  AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend e
			                  WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
			                    AND e.objid = c.oid AND e.deptype = 'e')
			""";

	private final Connection connection;

	/** A reader using {@code connection}, which must be inside a transaction. */
	public CatalogReader(Connection connection) {
		this.connection = connection;
	}

	/**
	 * Reads every object of {@code kinds} in {@code schemas}. Opens and rolls back its own
	 * transaction when the connection is in auto-commit mode.
	 */
	public static CatalogSnapshot snapshot(Connection connection, Collection<String> schemas, Set<ObjectKind> kinds)
			throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		if (autoCommit) {
			connection.setAutoCommit(false);
		}
		try {
			return CatalogSnapshot.of(new CatalogReader(connection).inSchemas(schemas, kinds));
		}
		finally {
			if (autoCommit) {
				connection.rollback();
				connection.setAutoCommit(true);
			}
		}
	}

	/** Every object of {@code kinds} in {@code schemas}, ordered by identity. */
	public List<CatalogRow> inSchemas(Collection<String> schemas, Set<ObjectKind> kinds) throws SQLException {
		String filter = " AND n.nspname::text = ANY(?) ORDER BY 2";
		List<CatalogRow> rows = new ArrayList<>();
		for (ObjectKind kind : ObjectKind.values()) {
			if (!kinds.contains(kind)) {
				continue;
			}
			rows.addAll(query(kind, filter, ps -> ps.setArray(1, this.connection.createArrayOf("text", schemas.toArray()))));
		}
		return rows;
	}

	/** The objects of {@code kind} with the given oids, in any schema. */
	public List<CatalogRow> byOids(ObjectKind kind, Collection<Long> oids) throws SQLException {
		if (oids.isEmpty()) {
			return List.of();
		}
		String alias = (kind == ObjectKind.FUNCTION) ? "p" : "t";
		return query(kind, " AND " + alias + ".oid = ANY(?::pg_catalog.oid[]) ORDER BY 2",
				ps -> ps.setString(1, oidArray(oids)));
	}

	/** Records which rows exist now, so that {@link #changedSince} can find the ones written later. */
	public Baseline baseline() throws SQLException {
		return new Baseline(versions(ObjectKind.FUNCTION, false), versions(ObjectKind.TRIGGER, false));
	}

	/**
	 * The objects of {@code kind} outside system schemas that did not exist, or whose row was
	 * rewritten, since {@code baseline}; ordered by the transaction that wrote them, oldest first.
	 * Rows whose content is unchanged from one of {@code known} reuse it instead of being printed
	 * again, which matters because PostgreSQL prints triggers slowly.
	 */
	public List<CatalogRow> changedSince(Baseline baseline, ObjectKind kind, Map<Long, CatalogRow> known)
			throws SQLException {
		Map<Long, String> before = (kind == ObjectKind.FUNCTION) ? baseline.functions() : baseline.triggers();
		List<RowVersion> written = new ArrayList<>();
		for (RowVersion version : versions(kind, true).values()) {
			if (!version.xmin().equals(before.get(version.oid()))) {
				written.add(version);
			}
		}
		written.sort(Comparator.comparingLong(RowVersion::age).reversed());
		List<Long> toPrint = new ArrayList<>();
		for (RowVersion version : written) {
			CatalogRow same = known.get(version.oid());
			if (same == null || !same.contentHash().equals(version.contentHash())) {
				toPrint.add(version.oid());
			}
		}
		Map<Long, CatalogRow> printed = new HashMap<>();
		byOids(kind, toPrint).forEach(row -> printed.put(row.oid(), row));
		List<CatalogRow> rows = new ArrayList<>(written.size());
		for (RowVersion version : written) {
			CatalogRow row = printed.get(version.oid());
			rows.add((row != null) ? row : known.get(version.oid()));
		}
		return rows;
	}

	/** {@code (oid, xmin)} of every row of {@code kind} outside system schemas, and optionally content digests. */
	private Map<Long, RowVersion> versions(ObjectKind kind, boolean withContent) throws SQLException {
		String row = (kind == ObjectKind.FUNCTION) ? "p" : "t";
		String from = (kind == ObjectKind.FUNCTION)
				? "pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
				: "pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
						+ " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
						+ " AND NOT t.tgisinternal AND t.tgparentid = 0";
		String content = withContent
				? "CASE WHEN pg_catalog.age(%1$s.xmin) <= 0 THEN pg_catalog.md5(%1$s::text) END".formatted(row) : "NULL";
		String sql = "SELECT %1$s.oid, %1$s.xmin::text, pg_catalog.age(%1$s.xmin), %2$s FROM %3$s WHERE %4$s"
			.formatted(row, content, from, USER_NAMESPACE);
		Map<Long, RowVersion> versions = new HashMap<>();
		try (Statement statement = this.connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			while (rs.next()) {
				versions.put(rs.getLong(1), new RowVersion(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
			}
		}
		return versions;
	}

	/**
	 * The identity of the object of {@code kind} written last by the current transaction, or
	 * {@code null}.
	 */
	public String latestWritten(ObjectKind kind) throws SQLException {
		String sql = (kind == ObjectKind.FUNCTION)
				? "SELECT p.oid::pg_catalog.regprocedure::text FROM pg_catalog.pg_proc p"
						+ " WHERE pg_catalog.age(p.xmin) <= 0 ORDER BY pg_catalog.age(p.xmin) LIMIT 1"
				: "SELECT pg_catalog.format('%I.%I.%I', n.nspname, c.relname, t.tgname) FROM pg_catalog.pg_trigger t"
						+ " JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
						+ " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
						+ " WHERE t.tgparentid = 0 AND pg_catalog.age(t.xmin) <= 0 ORDER BY pg_catalog.age(t.xmin) LIMIT 1";
		return SearchPath.empty(this.connection, () -> {
			try (Statement statement = this.connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
				return rs.next() ? rs.getString(1) : null;
			}
		});
	}

	/**
	 * The functions each of the given functions and triggers depends on ({@code pg_depend}, normal
	 * dependencies): SQL-standard bodies, argument defaults, trigger functions and {@code WHEN}
	 * clauses.
	 * @return for each kind, object oid to the oids of the functions it depends on
	 */
	public Map<ObjectKind, Map<Long, Set<Long>>> functionDependencies(Collection<Long> functionOids,
			Collection<Long> triggerOids) throws SQLException {
		Map<ObjectKind, Map<Long, Set<Long>>> dependencies = new HashMap<>();
		dependencies.put(ObjectKind.FUNCTION, new HashMap<>());
		dependencies.put(ObjectKind.TRIGGER, new HashMap<>());
		String sql = """
				SELECT d.classid = 'pg_catalog.pg_trigger'::pg_catalog.regclass, d.objid, d.refobjid
				FROM pg_catalog.pg_depend d
				WHERE d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass
				  AND d.deptype = 'n'
				  AND ((d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = ANY(?::pg_catalog.oid[]))
				    OR (d.classid = 'pg_catalog.pg_trigger'::pg_catalog.regclass AND d.objid = ANY(?::pg_catalog.oid[])))
				  AND NOT (d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid = d.refobjid)
				""";
		try (PreparedStatement ps = this.connection.prepareStatement(sql)) {
			ps.setString(1, oidArray(functionOids));
			ps.setString(2, oidArray(triggerOids));
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					ObjectKind kind = rs.getBoolean(1) ? ObjectKind.TRIGGER : ObjectKind.FUNCTION;
					dependencies.get(kind).computeIfAbsent(rs.getLong(2), oid -> new HashSet<>()).add(rs.getLong(3));
				}
			}
		}
		return dependencies;
	}

	private List<CatalogRow> query(ObjectKind kind, String filter, Binder binder) throws SQLException {
		String sql = ((kind == ObjectKind.FUNCTION) ? FUNCTIONS : TRIGGERS) + filter;
		return SearchPath.empty(this.connection, () -> {
			List<CatalogRow> rows = new ArrayList<>();
			try (PreparedStatement ps = this.connection.prepareStatement(sql)) {
				binder.bind(ps);
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						rows.add(new CatalogRow(rs.getLong(1), (kind == ObjectKind.FUNCTION) ? function(rs) : trigger(rs),
								rs.getString(8)));
					}
				}
			}
			return rows;
		});
	}

	private static CatalogObject function(ResultSet rs) throws SQLException {
		return new CatalogObject(ObjectKind.FUNCTION, rs.getString(2), rs.getString(3), rs.getString(4),
				stripTrailingNewline(rs.getString(5)), rs.getString(6), false, rs.getBoolean(7), strings(rs, 9));
	}

	private static CatalogObject trigger(ResultSet rs) throws SQLException {
		return new CatalogObject(ObjectKind.TRIGGER, rs.getString(2), rs.getString(3), rs.getString(4),
				stripTrailingNewline(rs.getString(5)), rs.getString(6), rs.getBoolean(7), false, strings(rs, 9));
	}

	private static List<String> strings(ResultSet rs, int column) throws SQLException {
		java.sql.Array array = rs.getArray(column);
		return (array != null) ? List.of((String[]) array.getArray()) : List.of();
	}

	private static String stripTrailingNewline(String definition) {
		int end = definition.length();
		while (end > 0 && (definition.charAt(end - 1) == '\n' || definition.charAt(end - 1) == '\r')) {
			end--;
		}
		return definition.substring(0, end);
	}

	/** Formats oids as a PostgreSQL array literal. */
	public static String oidArray(Collection<Long> oids) {
		StringBuilder literal = new StringBuilder("{");
		for (Long oid : oids) {
			if (literal.length() > 1) {
				literal.append(',');
			}
			literal.append(oid);
		}
		return literal.append('}').toString();
	}

	/**
	 * Which rows of {@code pg_proc} and {@code pg_trigger} outside system schemas existed at one
	 * moment, as {@code (oid, xmin)} pairs: a row not in the baseline is new, a row with another
	 * {@code xmin} was rewritten.
	 */
	public static final class Baseline {

		private final Map<Long, String> functions = new HashMap<>();

		private final Map<Long, String> triggers = new HashMap<>();

		private Baseline(Map<Long, RowVersion> functions, Map<Long, RowVersion> triggers) {
			functions.forEach((oid, version) -> this.functions.put(oid, version.xmin()));
			triggers.forEach((oid, version) -> this.triggers.put(oid, version.xmin()));
		}

		Map<Long, String> functions() {
			return this.functions;
		}

		Map<Long, String> triggers() {
			return this.triggers;
		}
	}

	private record RowVersion(long oid, String xmin, long age, String contentHash) {
	}

	@FunctionalInterface
	private interface Binder {

		void bind(PreparedStatement statement) throws SQLException;
	}
}

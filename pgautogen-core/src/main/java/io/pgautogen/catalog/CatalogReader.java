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
			       %1$s,
			       p.prokind = 'p',
			       l.lanname = 'sql' AND p.prosrc <> '',
			       pg_catalog.md5(p::text)
			FROM %2$s
			JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
			JOIN pg_catalog.pg_language l ON l.oid = p.prolang
			WHERE p.prokind IN ('f', 'p')
			  AND p.oid NOT IN (SELECT e.objid FROM pg_catalog.pg_depend e
			                    WHERE e.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
			                      AND e.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND e.deptype = 'e')
			""";

	private static final String TRIGGERS = """
			SELECT t.oid,
			       pg_catalog.format('%%I.%%I.%%I', n.nspname, c.relname, t.tgname),
			       n.nspname,
			       t.tgname,
			       %1$s,
			       pg_catalog.format('%%I.%%I', n.nspname, c.relname),
			       t.tgconstraint <> 0,
			       pg_catalog.md5(t::text)
			FROM %2$s
			JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
			JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
			WHERE NOT t.tgisinternal
			  AND t.tgparentid = 0
			  AND t.oid NOT IN (SELECT e.objid FROM pg_catalog.pg_depend e
			                    WHERE e.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
			                      AND e.classid = 'pg_catalog.pg_trigger'::pg_catalog.regclass AND e.deptype = 'e')
			  AND c.oid NOT IN (SELECT e.objid FROM pg_catalog.pg_depend e
			                    WHERE e.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
			                      AND e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND e.deptype = 'e')
			""";

	/**
	 * The oids bound as one array parameter. A semi-join on the unnested array stays linear however
	 * many oids there are, where {@code = ANY(?::oid[])} compares every row with every element.
	 */
	private static final String OIDS = "SELECT pg_catalog.unnest(?::pg_catalog.oid[])";

	/**
	 * The catalog rows of {@code kind} with the oids bound as one array parameter, one index probe
	 * per oid: cheaper than a scan of the whole catalog, above all right after the sandbox, when the
	 * catalog still holds every row the declarations wrote.
	 */
	private static String rowsByOid(ObjectKind kind) {
		String catalog = catalogOf(kind);
		String alias = catalog.substring(catalog.lastIndexOf(' ') + 1);
		return "pg_catalog.unnest(?::pg_catalog.oid[]) AS wanted(oid) CROSS JOIN LATERAL (SELECT * FROM " + catalog
				+ " WHERE " + alias + ".oid = wanted.oid OFFSET 0) " + alias;
	}

	private static final String RESTORE_FUNCTIONS = """
			WITH p AS (SELECT p.* FROM {function_rows})
			SELECT r.oid, r.statement FROM (
			    SELECT p.oid, 0 AS position,
			           pg_catalog.format('REVOKE ALL ON ROUTINE %s FROM PUBLIC', p.oid::pg_catalog.regprocedure) AS statement
			    FROM p WHERE p.proacl IS NOT NULL
			  UNION ALL
			    SELECT p.oid, 1, pg_catalog.format('GRANT %s ON ROUTINE %s TO %s%s', a.privilege_type,
			           p.oid::pg_catalog.regprocedure,
			           CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END,
			           CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
			    FROM p, pg_catalog.aclexplode(p.proacl) a
			    WHERE a.grantee <> p.proowner
			  UNION ALL
			    SELECT p.oid, 2, pg_catalog.format('COMMENT ON ROUTINE %s IS %L', p.oid::pg_catalog.regprocedure, d.description)
			    FROM p
			    JOIN pg_catalog.pg_description d ON d.classoid = 'pg_catalog.pg_proc'::pg_catalog.regclass
			     AND d.objoid = p.oid AND d.objsubid = 0
			) r ORDER BY r.oid, r.position, r.statement
			""";

	private static final String RESTORE_TRIGGERS = """
			SELECT t.oid, pg_catalog.format('COMMENT ON TRIGGER %I ON %I.%I IS %L', t.tgname, n.nspname, c.relname,
			       d.description)
			FROM {trigger_rows}
			JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
			JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
			JOIN pg_catalog.pg_description d ON d.classoid = 'pg_catalog.pg_trigger'::pg_catalog.regclass AND d.objoid = t.oid
			""";

	/** Trigger rows that stand for themselves: no internal triggers, no copies on partitions. */
	private static final String TRIGGER_ROWS = "pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid"
			+ " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace AND NOT t.tgisinternal AND t.tgparentid = 0";

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
		return inSchemas(schemas, kinds, true);
	}

	/**
	 * Like {@link #inSchemas}, without definitions: printing them is most of the cost of a read, and
	 * an object that stays as it is never needs its definition.
	 */
	public List<CatalogRow> headers(Collection<String> schemas, Set<ObjectKind> kinds) throws SQLException {
		return inSchemas(schemas, kinds, false);
	}

	private List<CatalogRow> inSchemas(Collection<String> schemas, Set<ObjectKind> kinds, boolean definitions)
			throws SQLException {
		String filter = " AND n.nspname::text = ANY(?) ORDER BY 2";
		List<CatalogRow> rows = new ArrayList<>();
		for (ObjectKind kind : ObjectKind.values()) {
			if (!kinds.contains(kind)) {
				continue;
			}
			rows.addAll(query(kind, definitions, catalogOf(kind), filter,
					ps -> ps.setArray(1, this.connection.createArrayOf("text", schemas.toArray()))));
		}
		return rows;
	}

	/** The objects of {@code kind} with the given oids, in any schema. */
	public List<CatalogRow> byOids(ObjectKind kind, Collection<Long> oids) throws SQLException {
		if (oids.isEmpty()) {
			return List.of();
		}
		return query(kind, true, rowsByOid(kind), " ORDER BY 2", ps -> ps.setString(1, oidArray(oids)));
	}

	private static String catalogOf(ObjectKind kind) {
		return (kind == ObjectKind.FUNCTION) ? "pg_catalog.pg_proc p" : "pg_catalog.pg_trigger t";
	}

	/** Records which rows exist now, so that {@link #changedSince} can find the ones written later. */
	public Baseline baseline() throws SQLException {
		Baseline baseline = new Baseline();
		String sql = "SELECT false, p.oid, p.xmin::text FROM pg_catalog.pg_proc p"
				+ " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE " + USER_NAMESPACE
				+ " UNION ALL SELECT true, t.oid, t.xmin::text FROM " + TRIGGER_ROWS + " WHERE " + USER_NAMESPACE;
		try (Statement statement = this.connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			while (rs.next()) {
				(rs.getBoolean(1) ? baseline.triggers : baseline.functions).put(rs.getLong(2), rs.getString(3));
			}
		}
		return baseline;
	}

	/**
	 * The objects of {@code kind} outside system schemas that this transaction created, or whose row
	 * it rewrote, since {@code baseline}; ordered by the subtransaction that wrote them, oldest first.
	 * Rows whose content is unchanged from one of {@code known} reuse it instead of being printed
	 * again, which matters because PostgreSQL prints triggers slowly.
	 */
	public List<CatalogRow> changedSince(Baseline baseline, ObjectKind kind, Map<Long, CatalogRow> known)
			throws SQLException {
		Map<Long, String> before = (kind == ObjectKind.FUNCTION) ? baseline.functions : baseline.triggers;
		String row = (kind == ObjectKind.FUNCTION) ? "p" : "t";
		String from = (kind == ObjectKind.FUNCTION)
				? "pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace" : TRIGGER_ROWS;
		// Rows this transaction wrote have an xmin of its own: age() is zero or negative for them.
		String sql = ("SELECT %1$s.oid, %1$s.xmin::text, pg_catalog.age(%1$s.xmin), pg_catalog.md5(%1$s::text)"
				+ " FROM %2$s WHERE %3$s AND pg_catalog.age(%1$s.xmin) <= 0").formatted(row, from, USER_NAMESPACE);
		List<RowVersion> written = new ArrayList<>();
		try (Statement statement = this.connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			while (rs.next()) {
				if (!rs.getString(2).equals(before.get(rs.getLong(1)))) {
					written.add(new RowVersion(rs.getLong(1), rs.getLong(3), rs.getString(4)));
				}
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
		byOids(kind, toPrint).forEach(printedRow -> printed.put(printedRow.oid(), printedRow));
		List<CatalogRow> rows = new ArrayList<>(written.size());
		for (RowVersion version : written) {
			CatalogRow printedRow = printed.get(version.oid());
			rows.add((printedRow != null) ? printedRow : known.get(version.oid()));
		}
		return rows;
	}

	/**
	 * The statements that give a newly created object the privileges and comment of the existing
	 * object with {@code oid}, which {@code CREATE} does not carry over: {@code REVOKE ALL … FROM PUBLIC}
	 * and a {@code GRANT} per privilege when the object has explicit privileges, and its comment.
	 * @return oid to statements, for the objects that have any
	 */
	public Map<Long, List<String>> restoreStatements(ObjectKind kind, Collection<Long> oids) throws SQLException {
		if (oids.isEmpty()) {
			return Map.of();
		}
		String sql = ((kind == ObjectKind.FUNCTION) ? RESTORE_FUNCTIONS : RESTORE_TRIGGERS)
			.replace("{function_rows}", rowsByOid(ObjectKind.FUNCTION))
			.replace("{trigger_rows}", rowsByOid(ObjectKind.TRIGGER));
		Map<Long, List<String>> statements = new HashMap<>();
		SearchPath.empty(this.connection, () -> {
			try (PreparedStatement ps = this.connection.prepareStatement(sql)) {
				ps.setString(1, oidArray(oids));
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						statements.computeIfAbsent(rs.getLong(1), oid -> new ArrayList<>()).add(rs.getString(2));
					}
				}
			}
			return null;
		});
		return statements;
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
				SELECT false, d.objid, d.refobjid
				FROM pg_catalog.pg_depend d
				WHERE d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.objid IN (%1$s)
				  AND d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.deptype = 'n'
				  AND d.objid <> d.refobjid
				UNION ALL
				SELECT true, d.objid, d.refobjid
				FROM pg_catalog.pg_depend d
				WHERE d.classid = 'pg_catalog.pg_trigger'::pg_catalog.regclass AND d.objid IN (%1$s)
				  AND d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass AND d.deptype = 'n'
				""".formatted(OIDS);
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

	private List<CatalogRow> query(ObjectKind kind, boolean definitions, String source, String filter, Binder binder)
			throws SQLException {
		String definition = !definitions ? "NULL::text" : (kind == ObjectKind.FUNCTION)
				? "pg_catalog.pg_get_functiondef(p.oid)" : "pg_catalog.pg_get_triggerdef(t.oid)";
		String sql = ((kind == ObjectKind.FUNCTION) ? FUNCTIONS : TRIGGERS).formatted(definition, source) + filter;
		return SearchPath.empty(this.connection, () -> {
			List<CatalogRow> rows = new ArrayList<>();
			try (PreparedStatement ps = this.connection.prepareStatement(sql)) {
				binder.bind(ps);
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						CatalogObject object = (kind == ObjectKind.FUNCTION) ? function(rs) : trigger(rs);
						if (definitions && object.definition() == null) {
							throw new CatalogChangedException(object.identity());
						}
						rows.add(new CatalogRow(rs.getLong(1), object, rs.getString(8)));
					}
				}
			}
			return rows;
		});
	}

	private static CatalogObject function(ResultSet rs) throws SQLException {
		String identity = rs.getString(2);
		String drop = (rs.getBoolean(6) ? "DROP PROCEDURE " : "DROP FUNCTION ") + identity;
		return new CatalogObject(ObjectKind.FUNCTION, identity, rs.getString(3), rs.getString(4),
				stripTrailingNewline(rs.getString(5)), drop, false, rs.getBoolean(7));
	}

	private static CatalogObject trigger(ResultSet rs) throws SQLException {
		String identity = rs.getString(2);
		String table = rs.getString(6);
		// The identity is the quoted table followed by a dot and the quoted trigger name.
		String drop = "DROP TRIGGER " + identity.substring(table.length() + 1) + " ON " + table;
		return new CatalogObject(ObjectKind.TRIGGER, identity, rs.getString(3), rs.getString(4),
				stripTrailingNewline(rs.getString(5)), drop, rs.getBoolean(7), false);
	}



	private static String stripTrailingNewline(String definition) {
		if (definition == null) {
			return null;
		}
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

		private Baseline() {
		}
	}

	private record RowVersion(long oid, long age, String contentHash) {
	}

	@FunctionalInterface
	private interface Binder {

		void bind(PreparedStatement statement) throws SQLException;
	}
}

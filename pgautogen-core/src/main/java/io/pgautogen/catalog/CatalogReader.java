package io.pgautogen.catalog;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pgautogen.catalog.CatalogObject.Trait;
import io.pgautogen.kind.KindQueries;
import io.pgautogen.kind.KindSupport;
import io.pgautogen.kind.Kinds;

/**
 * Reads the managed objects from the catalog in bulk: one query per kind, whatever the number of
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

	/**
	 * The catalog rows of {@code kind} with the oids bound as one array parameter, one index probe
	 * per oid: cheaper than a scan of the whole catalog, above all right after the sandbox, when the
	 * catalog still holds every row the declarations wrote. A semi-join on the unnested array stays
	 * linear however many oids there are, where {@code = ANY(?::oid[])} compares every row with
	 * every element.
	 */
	private static String rowsByOid(ObjectKind kind) {
		KindQueries queries = Kinds.of(kind).queries();
		String alias = queries.alias();
		return "pg_catalog.unnest(?::pg_catalog.oid[]) AS wanted(oid) CROSS JOIN LATERAL (SELECT * FROM "
				+ queries.catalog() + " WHERE " + alias + ".oid = wanted.oid OFFSET 0) " + alias;
	}

	private final Connection connection;

	/** A reader using {@code connection}, which must be inside a transaction. */
	public CatalogReader(Connection connection) {
		this.connection = connection;
	}

	/** Every object of {@code kinds} in {@code schemas}, ordered by kind, then identity. */
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
		List<CatalogRow> rows = new ArrayList<>();
		for (ObjectKind kind : ObjectKind.values()) {
			if (kinds.contains(kind)) {
				KindQueries queries = Kinds.of(kind).queries();
				String sql = queries.objects(queries.catalog(), definitions) + " AND n.nspname::text = ANY(?) ORDER BY 2";
				rows.addAll(query(kind, definitions, sql,
						ps -> ps.setArray(1, this.connection.createArrayOf("text", schemas.toArray()))));
			}
		}
		return rows;
	}

	/** The objects of {@code kind} with the given oids, in any schema. */
	public List<CatalogRow> byOids(ObjectKind kind, Collection<Long> oids) throws SQLException {
		if (oids.isEmpty()) {
			return List.of();
		}
		String sql = Kinds.of(kind).queries().objects(rowsByOid(kind), true) + " ORDER BY 2";
		return query(kind, true, sql, ps -> ps.setString(1, oidArray(oids)));
	}

	/** Records which rows exist now, so that {@link #changedSince} can find the ones written later. */
	public Baseline baseline() throws SQLException {
		Baseline baseline = new Baseline();
		List<String> parts = new ArrayList<>();
		for (ObjectKind kind : ObjectKind.values()) {
			KindQueries queries = Kinds.of(kind).queries();
			parts.add("SELECT " + kind.ordinal() + ", " + queries.alias() + ".oid, " + queries.alias()
					+ ".xmin::text FROM " + queries.written() + " AND " + USER_NAMESPACE);
		}
		try (Statement statement = this.connection.createStatement();
				ResultSet rs = statement.executeQuery(String.join(" UNION ALL ", parts))) {
			while (rs.next()) {
				baseline.rows.computeIfAbsent(ObjectKind.values()[rs.getInt(1)], k -> new HashMap<>())
					.put(rs.getLong(2), rs.getString(3));
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
		Map<Long, String> before = baseline.rows.getOrDefault(kind, Map.of());
		KindQueries queries = Kinds.of(kind).queries();
		// Rows this transaction wrote have an xmin of its own: age() is zero or negative for them.
		String sql = ("SELECT %1$s.oid, %1$s.xmin::text, pg_catalog.age(%1$s.xmin), %2$s FROM %3$s AND %4$s"
				+ " AND pg_catalog.age(%1$s.xmin) <= 0").formatted(queries.alias(), queries.contentHash(),
						queries.written(), USER_NAMESPACE);
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
			CatalogRow row = (printedRow != null) ? printedRow : known.get(version.oid());
			if (row != null) {
				rows.add(row);
			}
		}
		return rows;
	}

	/**
	 * The statements that give a newly created object the privileges and comments of the existing
	 * object with {@code oid}, which {@code CREATE} does not carry over: {@code GRANT}s (after
	 * {@code REVOKE ALL … FROM PUBLIC} for routines with explicit privileges) and comments.
	 * @return oid to statements, for the objects that have any
	 */
	public Map<Long, List<String>> restoreStatements(ObjectKind kind, Collection<Long> oids) throws SQLException {
		if (oids.isEmpty()) {
			return Map.of();
		}
		KindSupport support = Kinds.of(kind);
		String alias = support.queries().alias();
		String sql = "WITH " + alias + " AS (SELECT " + alias + ".* FROM " + rowsByOid(kind) + ") "
				+ support.restoreQuery();
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
		KindQueries queries = Kinds.of(kind).queries();
		String sql = ("SELECT %1$s FROM %2$s AND pg_catalog.age(%3$s.xmin) <= 0 ORDER BY pg_catalog.age(%3$s.xmin)"
				+ " LIMIT 1").formatted(queries.identity(), queries.written(), queries.alias());
		return SearchPath.empty(this.connection, () -> {
			try (Statement statement = this.connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
				return rs.next() ? rs.getString(1) : null;
			}
		});
	}

	private List<CatalogRow> query(ObjectKind kind, boolean definitions, String sql, Binder binder)
			throws SQLException {
		KindSupport support = Kinds.of(kind);
		return SearchPath.empty(this.connection, () -> {
			List<CatalogRow> rows = new ArrayList<>();
			try (PreparedStatement ps = this.connection.prepareStatement(sql)) {
				binder.bind(ps);
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						CatalogObject object = object(support, rs);
						if (definitions && object.definition() == null) {
							throw new CatalogChangedException(object.identity());
						}
						rows.add(new CatalogRow(rs.getLong(1), object, rs.getString(10)));
					}
				}
			}
			return rows;
		});
	}

	private static CatalogObject object(KindSupport support, ResultSet rs) throws SQLException {
		String printed = stripTrailingNewline(rs.getString(5));
		List<String> attached = strings(rs, 9);
		Set<Trait> traits = EnumSet.noneOf(Trait.class);
		strings(rs, 8).forEach(trait -> traits.add(Trait.valueOf(trait)));
		String definition = (printed != null) ? support.comparedDefinition(printed, attached) : null;
		List<String> create = (printed != null) ? support.createStatements(printed, attached, traits) : List.of();
		return new CatalogObject(support.kind(), rs.getString(2), rs.getString(3), rs.getString(4), definition,
				rs.getString(6), create, strings(rs, 7), traits);
	}

	private static List<String> strings(ResultSet rs, int column) throws SQLException {
		Array array = rs.getArray(column);
		return (array != null) ? List.of((String[]) array.getArray()) : List.of();
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
	 * Which catalog rows of each kind outside system schemas existed at one moment, as
	 * {@code (oid, xmin)} pairs: a row not in the baseline is new, a row with another {@code xmin}
	 * was rewritten.
	 */
	public static final class Baseline {

		private final Map<ObjectKind, Map<Long, String>> rows = new EnumMap<>(ObjectKind.class);

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

package io.pgautogen.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;

/**
 * Reads the dependency graph between functions, views, materialized views and triggers from
 * {@code pg_depend}, in bulk. A view's dependencies are those of its {@code _RETURN} rule; a
 * dependency on a view's row type is one on the view; a materialized view's index stands for its
 * materialized view.
 */
public final class DependencyReader {

	private static final String PROC = "'pg_catalog.pg_proc'::pg_catalog.regclass";

	private static final String CLASS = "'pg_catalog.pg_class'::pg_catalog.regclass";

	private static final String USES = """
			WITH objects(classid, objid) AS (
			    SELECT %1$s, pg_catalog.unnest(?::pg_catalog.oid[])
			  UNION ALL
			    SELECT 'pg_catalog.pg_trigger'::pg_catalog.regclass, pg_catalog.unnest(?::pg_catalog.oid[])
			  UNION ALL
			    SELECT %2$s, pg_catalog.unnest(?::pg_catalog.oid[])
			), sources(owner, classid, objid) AS (
			    SELECT o.objid, o.classid, o.objid FROM objects o
			  UNION ALL
			    SELECT o.objid, 'pg_catalog.pg_rewrite'::pg_catalog.regclass, r.oid
			    FROM objects o JOIN pg_catalog.pg_rewrite r ON r.ev_class = o.objid AND r.rulename = '_RETURN'
			    WHERE o.classid = %2$s
			)
			SELECT DISTINCT s.owner, COALESCE(ty.typrelid, d.refobjid)
			FROM sources s
			JOIN pg_catalog.pg_depend d ON d.classid = s.classid AND d.objid = s.objid AND d.deptype IN ('n', 'a')
			LEFT JOIN pg_catalog.pg_type ty ON d.refclassid = 'pg_catalog.pg_type'::pg_catalog.regclass
			 AND ty.oid = d.refobjid AND ty.typrelid <> 0
			WHERE (d.refclassid IN (%1$s, %2$s) OR ty.typrelid IS NOT NULL)
			  AND COALESCE(ty.typrelid, d.refobjid) <> s.owner
			""".formatted(PROC, CLASS);

	/**
	 * One step from the objects in {@code {from}} (a function, or a view or materialized view with
	 * its row type) to what depends on them in {@code pg_depend}, by index, with the dependents
	 * normalized: a view's rewrite rule stands for its view, an index on a materialized view for the
	 * materialized view. Only normal and automatic dependencies: internal ones tie parts to their
	 * object.
	 */
	private static final String STEP = """
			SELECT CASE WHEN r.oid IS NOT NULL OR mi.indexrelid IS NOT NULL THEN %2$s ELSE d.classid END,
			       COALESCE(r.ev_class, mi.indrelid, d.objid), d.classid, d.objid, d.objsubid, x.objid
			FROM {from}
			CROSS JOIN LATERAL (VALUES (x.classid, x.objid),
			    ('pg_catalog.pg_type'::pg_catalog.regclass,
			     (SELECT c.reltype FROM pg_catalog.pg_class c WHERE x.classid = %2$s AND c.oid = x.objid))) AS ref(classid, objid)
			JOIN pg_catalog.pg_depend d ON d.refclassid = ref.classid AND d.refobjid = ref.objid AND d.deptype IN ('n', 'a')
			LEFT JOIN pg_catalog.pg_rewrite r ON d.classid = 'pg_catalog.pg_rewrite'::pg_catalog.regclass
			 AND r.oid = d.objid AND r.rulename = '_RETURN'
			LEFT JOIN (pg_catalog.pg_index mi JOIN pg_catalog.pg_class mc ON mc.oid = mi.indrelid AND mc.relkind = 'm')
			  ON d.classid = %2$s AND mi.indexrelid = d.objid
			WHERE COALESCE(r.ev_class, mi.indrelid, d.objid) <> x.objid
			""".formatted(PROC, CLASS);

	private static final String DEPENDENTS = """
			WITH RECURSIVE starts(classid, objid) AS (
			    SELECT %1$s, pg_catalog.unnest(?::pg_catalog.oid[])
			  UNION ALL
			    SELECT %2$s, pg_catalog.unnest(?::pg_catalog.oid[])
			), walk(classid, objid, rawclassid, rawobjid, objsubid, refobjid) AS (
			{first}
			  UNION
			{next}
			), classified AS (
			    SELECT w.*, CASE
			             WHEN EXISTS (SELECT FROM pg_catalog.pg_depend x
			                          WHERE x.classid = w.classid AND x.objid = w.objid AND x.deptype = 'e') THEN 'OTHER'
			             WHEN w.classid = %1$s THEN
			               (SELECT CASE WHEN p.prokind IN ('f', 'p') THEN 'FUNCTION' ELSE 'OTHER' END
			                FROM pg_catalog.pg_proc p WHERE p.oid = w.objid)
			             WHEN w.classid = 'pg_catalog.pg_trigger'::pg_catalog.regclass THEN
			               (SELECT CASE WHEN t.tgparentid <> 0 OR t.tgisinternal THEN 'DERIVED' ELSE 'TRIGGER' END
			                FROM pg_catalog.pg_trigger t WHERE t.oid = w.objid)
			             WHEN w.classid = %2$s THEN
			               (SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED_VIEW' ELSE 'OTHER' END
			                FROM pg_catalog.pg_class c WHERE c.oid = w.objid)
			             ELSE 'OTHER'
			           END AS type
			    FROM walk w
			)
			SELECT c.type, c.objid, c.refobjid,
			       CASE WHEN c.type = 'OTHER' THEN pg_catalog.pg_describe_object(c.rawclassid, c.rawobjid, c.objsubid)
			            ELSE pg_catalog.pg_describe_object(c.classid, c.objid, 0) END
			FROM classified c
			WHERE c.type IS NOT NULL AND c.type <> 'DERIVED'
			ORDER BY 4, 3
			""".formatted(PROC, CLASS)
		.replace("{first}", STEP.replace("{from}", "starts x"))
		.replace("{next}", STEP.replace("{from}", "walk w CROSS JOIN LATERAL (SELECT w.classid, w.objid) x")
			.replace("WHERE COALESCE", "WHERE w.classid IN (" + PROC + ", " + CLASS + ") AND COALESCE"));

	private final Connection connection;

	/** A reader using {@code connection}, which must be inside a transaction. */
	public DependencyReader(Connection connection) {
		this.connection = connection;
	}

	/**
	 * What each of the given objects uses directly: the functions a body, an argument default, a
	 * trigger or its {@code WHEN} clause calls, the views and functions a view's query reads, the
	 * view a trigger is on, the views whose row types a function takes or returns.
	 * @param oids kind to the oids of objects of that kind
	 * @return object oid to the oids of the functions and relations it uses
	 */
	public Map<Long, Set<Long>> uses(Map<ObjectKind, List<Long>> oids) throws SQLException {
		List<Long> relations = new ArrayList<>(oids.getOrDefault(ObjectKind.VIEW, List.of()));
		relations.addAll(oids.getOrDefault(ObjectKind.MATERIALIZED_VIEW, List.of()));
		Map<Long, Set<Long>> uses = new HashMap<>();
		try (PreparedStatement ps = this.connection.prepareStatement(USES)) {
			ps.setString(1, CatalogReader.oidArray(oids.getOrDefault(ObjectKind.FUNCTION, List.of())));
			ps.setString(2, CatalogReader.oidArray(oids.getOrDefault(ObjectKind.TRIGGER, List.of())));
			ps.setString(3, CatalogReader.oidArray(relations));
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					uses.computeIfAbsent(rs.getLong(1), oid -> new HashSet<>()).add(rs.getLong(2));
				}
			}
		}
		return uses;
	}

	/**
	 * What each object of {@code desired} uses, by identity: {@link #uses} named from {@code desired},
	 * else by {@code otherNames}.
	 * @return identity to the identities of the objects it uses, for the objects that use any
	 */
	public Map<String, Set<String>> usesByIdentity(CatalogSnapshot desired, LongFunction<Optional<String>> otherNames)
			throws SQLException {
		Map<ObjectKind, List<Long>> oids = new HashMap<>();
		for (CatalogObject object : desired.objects()) {
			oids.computeIfAbsent(object.kind(), kind -> new ArrayList<>())
				.add(desired.oidOf(object.identity()).orElseThrow());
		}
		Map<String, Set<String>> dependencies = new TreeMap<>();
		uses(oids).forEach((oid, used) -> {
			String identity = desired.identityOf(oid).orElseThrow();
			Set<String> names = new TreeSet<>();
			for (Long usedOid : used) {
				desired.identityOf(usedOid).or(() -> otherNames.apply(usedOid)).ifPresent(names::add);
			}
			names.remove(identity);
			if (!names.isEmpty()) {
				dependencies.put(identity, names);
			}
		});
		return dependencies;
	}

	/**
	 * Everything that depends on the given functions and relations, directly or through other
	 * functions and views. Trigger copies on partitions and internal triggers are left out: they go
	 * with their parent trigger or constraint.
	 */
	public List<Dependent> dependentsOf(Collection<Long> functionOids, Collection<Long> relationOids)
			throws SQLException {
		if (functionOids.isEmpty() && relationOids.isEmpty()) {
			return List.of();
		}
		return SearchPath.empty(this.connection, () -> {
			List<Dependent> dependents = new ArrayList<>();
			try (PreparedStatement ps = this.connection.prepareStatement(DEPENDENTS)) {
				ps.setString(1, CatalogReader.oidArray(functionOids));
				ps.setString(2, CatalogReader.oidArray(relationOids));
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						String type = rs.getString(1);
						ObjectKind kind = type.equals("OTHER") ? null : ObjectKind.valueOf(type);
						dependents.add(new Dependent(kind, rs.getLong(2), rs.getLong(3), rs.getString(4)));
					}
				}
			}
			return dependents;
		});
	}
}

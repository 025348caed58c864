package io.pgautogen.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds, in one recursive query over {@code pg_depend}, everything PostgreSQL would drop together
 * with a set of functions: direct dependents, and dependents of dependent functions.
 */
public final class DependentsReader {

	private static final String DEPENDENTS = """
			WITH RECURSIVE dependents(classid, objid, objsubid, refobjid) AS (
			    SELECT d.classid, d.objid, d.objsubid, d.refobjid
			    FROM pg_catalog.pg_depend d
			    WHERE d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass
			      AND d.refobjid IN (SELECT pg_catalog.unnest(?::pg_catalog.oid[]))
			      AND d.deptype = 'n'
			  UNION
			    SELECT d.classid, d.objid, d.objsubid, d.refobjid
			    FROM dependents x
			    JOIN pg_catalog.pg_depend d
			      ON d.refclassid = 'pg_catalog.pg_proc'::pg_catalog.regclass
			     AND d.refobjid = x.objid
			     AND d.deptype = 'n'
			    WHERE x.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
			)
			SELECT CASE
			         WHEN EXISTS (SELECT FROM pg_catalog.pg_depend e
			                      WHERE e.classid = x.classid AND e.objid = x.objid AND e.deptype = 'e') THEN 'OTHER'
			         WHEN x.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
			          AND (SELECT p.prokind FROM pg_catalog.pg_proc p WHERE p.oid = x.objid) IN ('f', 'p') THEN 'FUNCTION'
			         WHEN x.classid = 'pg_catalog.pg_trigger'::pg_catalog.regclass THEN
			           CASE WHEN (SELECT t.tgparentid <> 0 OR t.tgisinternal FROM pg_catalog.pg_trigger t
			                      WHERE t.oid = x.objid) THEN 'DERIVED' ELSE 'TRIGGER' END
			         ELSE 'OTHER'
			       END,
			       x.objid,
			       x.refobjid,
			       pg_catalog.pg_describe_object(x.classid, x.objid, x.objsubid)
			FROM dependents x
			ORDER BY 4
			""";

	private final Connection connection;

	/** A reader using {@code connection}, which must be inside a transaction. */
	public DependentsReader(Connection connection) {
		this.connection = connection;
	}

	/**
	 * Everything that depends on the functions with {@code functionOids}, directly or through other
	 * functions. Trigger copies on partitions and internal triggers are left out: they go with their
	 * parent trigger or constraint.
	 */
	public List<Dependent> dependentsOf(Collection<Long> functionOids) throws SQLException {
		if (functionOids.isEmpty()) {
			return List.of();
		}
		return SearchPath.empty(this.connection, () -> {
			List<Dependent> dependents = new ArrayList<>();
			try (PreparedStatement ps = this.connection.prepareStatement(DEPENDENTS)) {
				ps.setString(1, CatalogReader.oidArray(functionOids));
				try (ResultSet rs = ps.executeQuery()) {
					while (rs.next()) {
						String type = rs.getString(1);
						if (!type.equals("DERIVED")) {
							dependents.add(new Dependent(Dependent.Type.valueOf(type), rs.getLong(2), rs.getLong(3),
									rs.getString(4)));
						}
					}
				}
			}
			return dependents;
		});
	}
}

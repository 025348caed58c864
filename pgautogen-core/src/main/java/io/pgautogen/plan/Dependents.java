package io.pgautogen.plan;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.pgautogen.catalog.CatalogObject;
import io.pgautogen.catalog.CatalogReader;
import io.pgautogen.catalog.CatalogSnapshot;
import io.pgautogen.catalog.Dependent;
import io.pgautogen.catalog.DependencyReader;
import io.pgautogen.catalog.ObjectKind;

/**
 * What depends on the objects a migration drops, in either direction.
 *
 * @param uses identity to the identities of the dropped objects it uses directly
 * @param collateral functions, views, materialized views and triggers pgautogen does not manage
 * that must be dropped and recreated around those objects, from their current definitions
 * @param blocking identity of a dropped object to descriptions of objects pgautogen cannot recreate
 * @param oids identity to oid of every dependent found
 * @param printed identity to every dependent found, with its definition
 */
record Dependents(Map<String, Set<String>> uses, Map<String, CatalogObject> collateral,
		Map<String, List<String>> blocking, Map<String, Long> oids, Map<String, CatalogObject> printed) {

	/**
	 * @param current the managed objects as they are
	 * @param functions oids of the functions dropped
	 * @param relations oids of the views and materialized views dropped
	 */
	static Dependents read(Connection connection, CatalogSnapshot current, Collection<Long> functions,
			Collection<Long> relations) throws SQLException {
		List<Dependent> found = new DependencyReader(connection).dependentsOf(functions, relations);
		CatalogReader reader = new CatalogReader(connection);
		Map<Long, CatalogObject> byOid = new HashMap<>();
		for (ObjectKind kind : ObjectKind.values()) {
			List<Long> oids = found.stream().filter(d -> d.kind() == kind).map(Dependent::oid).distinct().toList();
			reader.byOids(kind, oids).forEach(row -> byOid.put(row.oid(), row.object()));
		}
		Map<String, Set<String>> uses = new HashMap<>();
		Map<String, CatalogObject> collateral = new TreeMap<>();
		Map<String, List<String>> blocking = new TreeMap<>();
		Map<String, Long> oids = new HashMap<>();
		Map<String, CatalogObject> printed = new HashMap<>();
		for (Dependent dependent : found) {
			long usedOid = dependent.dependsOn();
			String used = current.identityOf(usedOid)
				.orElseGet(() -> byOid.containsKey(usedOid) ? byOid.get(usedOid).identity() : "oid " + usedOid);
			CatalogObject object = dependent.recreatable() ? byOid.get(dependent.oid()) : null;
			if (object == null) {
				blocking.computeIfAbsent(used, k -> new ArrayList<>()).add(dependent.description());
				continue;
			}
			uses.computeIfAbsent(object.identity(), k -> new TreeSet<>()).add(used);
			oids.put(object.identity(), dependent.oid());
			printed.put(object.identity(), object);
			if (!current.contains(object.identity())) {
				collateral.put(object.identity(), object);
			}
		}
		return new Dependents(uses, collateral, blocking, oids, printed);
	}
}

package io.pgautogen.canonical;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.pgautogen.PgAutogenException;
import io.pgautogen.catalog.CatalogObject;
import io.pgautogen.catalog.CatalogReader;
import io.pgautogen.catalog.CatalogSnapshot;
import io.pgautogen.catalog.Dependent;
import io.pgautogen.catalog.DependencyReader;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.ServerVersion;
import io.pgautogen.catalog.UnmanagedDependentsException;
import io.pgautogen.kind.Kinds;
import io.pgautogen.sql.ObjectName;

/**
 * Existing objects a declaration cannot replace in place: finding them from PostgreSQL's refusal,
 * and dropping them at the start of the sandbox so that the declarations can run.
 */
final class Displacement {

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private static final String OUT_OF_SHARED_MEMORY = "53200";

	private static final String PROBE = "pgautogen_probe";

	private final Connection connection;

	private final ServerVersion server;

	private final SavepointBatch batch;

	Displacement(Connection connection, ServerVersion server) {
		this.connection = connection;
		this.server = server;
		this.batch = new SavepointBatch(connection);
	}

	/**
	 * Drops the {@code displaced} objects, and the existing objects of the declared kinds that no
	 * declaration can replace in place (constraint triggers, materialized views, all triggers on
	 * PostgreSQL 13), with whatever depends on them: the declarations create what is declared again.
	 * @return the objects pgautogen does not manage that went along and can be recreated, with their
	 * definitions
	 */
	List<CatalogObject> dropBeforeDeclarations(Set<String> displaced, CatalogSnapshot current,
			Set<ObjectKind> declaredKinds) throws SQLException {
		List<CatalogObject> dropped = new ArrayList<>();
		for (CatalogObject object : current.objects()) {
			if (displaced.contains(object.identity()) || (declaredKinds.contains(object.kind())
					&& Kinds.of(object.kind()).droppedBeforeSandbox(object, this.server))) {
				dropped.add(object);
			}
		}
		List<CatalogObject> unmanaged = unmanagedDependents(dropped, current);
		List<String> drops = dropped.stream().map(object -> object.dropIfExistsStatement() + " CASCADE").toList();
		List<SQLException> outcomes = this.batch.run(drops);
		for (int i = 0; i < drops.size(); i++) {
			SQLException failure = outcomes.get(i);
			if (failure != null && OUT_OF_SHARED_MEMORY.equals(failure.getSQLState())) {
				throw failure;
			}
			if (failure != null && LOCK_NOT_AVAILABLE.equals(failure.getSQLState())) {
				CatalogObject object = dropped.get(i);
				throw new LockTimeoutException(List.of((object.kind() == ObjectKind.TRIGGER)
						? object.identity().substring(0, object.identity().lastIndexOf('.')) : object.identity()));
			}
			if (failure != null) {
				throw new PgAutogenException("Could not run '" + drops.get(i) + "' in the rolled-back sandbox: "
						+ failure.getMessage() + "\nWhat to do: fix what PostgreSQL reports, then plan again."
						+ " Nothing was changed.", failure);
			}
		}
		return unmanaged;
	}

	private List<CatalogObject> unmanagedDependents(List<CatalogObject> dropped, CatalogSnapshot current)
			throws SQLException {
		List<Long> functions = new ArrayList<>();
		List<Long> relations = new ArrayList<>();
		for (CatalogObject object : dropped) {
			if (object.kind() != ObjectKind.TRIGGER) {
				current.oidOf(object.identity())
					.ifPresent((object.kind() == ObjectKind.FUNCTION) ? functions::add : relations::add);
			}
		}
		Map<ObjectKind, List<Long>> oids = new HashMap<>();
		for (Dependent dependent : new DependencyReader(this.connection).dependentsOf(functions, relations)) {
			if (dependent.recreatable() && current.identityOf(dependent.oid()).isEmpty()) {
				oids.computeIfAbsent(dependent.kind(), kind -> new ArrayList<>()).add(dependent.oid());
			}
		}
		CatalogReader reader = new CatalogReader(this.connection);
		List<CatalogObject> unmanaged = new ArrayList<>();
		for (Map.Entry<ObjectKind, List<Long>> entry : oids.entrySet()) {
			reader.byOids(entry.getKey(), entry.getValue().stream().distinct().toList())
				.forEach(row -> unmanaged.add(row.object()));
		}
		return unmanaged;
	}

	/**
	 * For each statement PostgreSQL refused to run over an existing object, finds that object and
	 * checks that dropping it lets the statement run.
	 * @return identities of the objects to displace
	 */
	Set<String> conflicts(List<PlannedStatement> statements, CatalogSnapshot current, Set<String> displaced)
			throws SQLException {
		Set<String> conflicts = new TreeSet<>();
		for (PlannedStatement planned : statements) {
			if (planned.declared == null || !planned.refusedReplacement()) {
				continue;
			}
			String error = Attribution.errorText(planned.failure);
			Set<ObjectKind> kinds = planned.kind.collidesWith();
			// PostgreSQL names the object in most refusals, not in "cannot drop columns from view": the
			// declared name is tried first.
			List<CatalogObject> candidates = current.objects()
				.stream()
				.filter(candidate -> kinds.contains(candidate.kind()) && !displaced.contains(candidate.identity())
						&& !conflicts.contains(candidate.identity()))
				.filter(candidate -> declares(planned, candidate) || error.contains(candidate.name()))
				.sorted(Comparator.comparing(candidate -> !declares(planned, candidate)))
				.toList();
			for (CatalogObject candidate : candidates) {
				if (runsAfterDropping(candidate, planned.sent.sql())) {
					conflicts.add(candidate.identity());
					break;
				}
			}
		}
		return conflicts;
	}

	private static boolean declares(PlannedStatement planned, CatalogObject candidate) {
		ObjectName name = planned.declared.objectName();
		return name != null && name.table() == null && name.name().equals(candidate.name())
				&& (name.schema() == null || name.schema().equals(candidate.schema()));
	}

	private boolean runsAfterDropping(CatalogObject existing, String statement) throws SQLException {
		execute("SAVEPOINT " + PROBE);
		try (Statement probe = this.connection.createStatement()) {
			probe.setEscapeProcessing(false);
			probe.execute("SET LOCAL check_function_bodies = off");
			probe.execute(existing.dropStatement() + " CASCADE");
			probe.addBatch(statement);
			probe.executeBatch();
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
		finally {
			execute("ROLLBACK TO SAVEPOINT " + PROBE);
			execute("RELEASE SAVEPOINT " + PROBE);
		}
	}

	/**
	 * Displacing an object drops what depends on it; only functions, views, materialized views and
	 * triggers can be recreated.
	 * @throws UnmanagedDependentsException naming what cannot
	 */
	void requireRecreatable(Set<String> displaced, CatalogSnapshot current) throws SQLException {
		Map<Long, String> names = new HashMap<>();
		List<Long> functions = new ArrayList<>();
		List<Long> relations = new ArrayList<>();
		for (String identity : displaced) {
			CatalogObject object = current.find(identity).orElse(null);
			Long oid = current.oidOf(identity).orElse(null);
			if (object == null || oid == null || object.kind() == ObjectKind.TRIGGER) {
				continue;
			}
			names.put(oid, identity);
			(object.kind() == ObjectKind.FUNCTION ? functions : relations).add(oid);
		}
		Map<String, List<String>> blocking = new TreeMap<>();
		for (Dependent dependent : new DependencyReader(this.connection).dependentsOf(functions, relations)) {
			if (!dependent.recreatable()) {
				String used = names.getOrDefault(dependent.dependsOn(), "an object it depends on");
				blocking.computeIfAbsent(used, f -> new ArrayList<>()).add(dependent.description());
			}
		}
		if (!blocking.isEmpty()) {
			throw new UnmanagedDependentsException(blocking);
		}
	}

	private void execute(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(sql);
		}
	}
}

package io.pgautogen.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.sql.DataSource;

import io.pgautogen.PgAutogenException;
import io.pgautogen.canonical.CanonicalCatalog;
import io.pgautogen.canonical.Canonicalizer;
import io.pgautogen.catalog.CatalogObject;
import io.pgautogen.catalog.CatalogReader;
import io.pgautogen.catalog.CatalogRow;
import io.pgautogen.catalog.CatalogSnapshot;
import io.pgautogen.catalog.Dependent;
import io.pgautogen.catalog.DependentsReader;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.Scope;
import io.pgautogen.catalog.ServerVersion;
import io.pgautogen.catalog.UnmanagedDependentsException;
import io.pgautogen.declaration.Declaration;
import io.pgautogen.declaration.DeclarationException;
import io.pgautogen.declaration.DeclarationProblem;
import io.pgautogen.declaration.DeclarationStatements;
import io.pgautogen.declaration.DeclarationSource;
import io.pgautogen.declaration.DeclaredStatement;
import io.pgautogen.diff.Action;
import io.pgautogen.diff.Change;
import io.pgautogen.diff.Differ;
import io.pgautogen.plan.MigrationSequencer.Direction;
import io.pgautogen.plan.MigrationSequencer.State;

/**
 * Plans the migration that brings a database to the declared functions and triggers, and back.
 * <p>
 * Everything happens in one transaction that is always rolled back: read the managed objects,
 * canonicalize the declarations in a sandbox, diff, and find what depends on functions that must be
 * dropped. The database is left exactly as it was, also when planning fails.
 *
 * <pre>{@code
 * MigrationPlan plan = new Planner(PlannerSettings.defaults()).plan(dataSource, List.of(
 *         PgFunction.of("CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql AS 'SELECT a + b'")));
 * plan.upgrade().forEach(System.out::println);
 * }</pre>
 */
public final class Planner {

	private final PlannerSettings settings;

	public Planner(PlannerSettings settings) {
		this.settings = settings;
	}

	/**
	 * Plans against the database behind {@code dataSource}, using one connection.
	 * @throws DeclarationException when a declaration is invalid
	 * @throws UnmanagedDependentsException when a function that must be dropped is used by objects
	 * pgautogen cannot recreate
	 * @throws PlanningException when the database cannot be read
	 */
	public MigrationPlan plan(DataSource dataSource, List<? extends Declaration> declarations) {
		List<DeclaredStatement> declared = DeclarationStatements.prepare(declarations);
		Set<ObjectKind> kinds = managedKinds(declared);
		if (kinds.isEmpty()) {
			return new MigrationPlan(null, this.settings.schemas(), kinds, List.of(), List.of(), List.of(),
					PlanningTimings.NONE);
		}
		try (Connection connection = dataSource.getConnection()) {
			return plan(connection, declared, kinds);
		}
		catch (SQLException ex) {
			throw failure(ex);
		}
	}

	/**
	 * Plans using {@code connection}. In auto-commit mode the plan is made in a transaction of its own;
	 * otherwise inside a savepoint of the caller's transaction. Either way it is rolled back.
	 */
	public MigrationPlan plan(Connection connection, List<? extends Declaration> declarations) {
		List<DeclaredStatement> declared = DeclarationStatements.prepare(declarations);
		Set<ObjectKind> kinds = managedKinds(declared);
		if (kinds.isEmpty()) {
			return new MigrationPlan(null, this.settings.schemas(), kinds, List.of(), List.of(), List.of(),
					PlanningTimings.NONE);
		}
		try {
			return plan(connection, declared, kinds);
		}
		catch (SQLException ex) {
			throw failure(ex);
		}
	}

	private Set<ObjectKind> managedKinds(List<DeclaredStatement> declared) {
		Set<ObjectKind> kinds = EnumSet.noneOf(ObjectKind.class);
		kinds.addAll(this.settings.manage());
		declared.forEach(statement -> kinds.add(statement.declaration().kind()));
		return kinds;
	}

	private MigrationPlan plan(Connection connection, List<DeclaredStatement> declared, Set<ObjectKind> kinds)
			throws SQLException {
		try (PlanningTransaction transaction = PlanningTransaction.begin(connection, this.settings.lockTimeout(),
				this.settings.statementTimeout())) {
			ServerVersion server = ServerVersion.of(connection);
			if (server.major() < ServerVersion.MINIMUM_MAJOR) {
				throw new PlanningException("PostgreSQL " + server.version() + " is not supported: pgautogen needs "
						+ ServerVersion.MINIMUM_MAJOR + " or later.");
			}
			long start = System.nanoTime();
			List<String> schemas = schemas(connection);
			Scope scope = new Scope(schemas, kinds, this.settings.exclude());
			CatalogReader reader = new CatalogReader(connection);
			List<CatalogRow> currentRows = reader.inSchemas(schemas, kinds)
				.stream()
				.filter(row -> !scope.isExcluded(row.object().identity()))
				.toList();
			CatalogSnapshot current = CatalogSnapshot.of(currentRows);
			long read = System.nanoTime();
			Canonicalizer canonicalizer = new Canonicalizer(connection, server, scope, this.settings.lockTimeout(),
					this.settings.statementTimeout());
			CanonicalCatalog canonical = canonicalizer.canonicalize(declared, current, currentRows);
			List<Change> changes = Differ.diff(current, canonical, server);
			Set<String> irreplaceable = canonicalizer.irreplaceable(changes.stream()
				.filter(change -> change.action() == Action.REPLACE && change.kind() == ObjectKind.FUNCTION)
				.map(Change::current)
				.toList());
			canonicalizer.discard();
			long canonicalized = System.nanoTime();
			MigrationPlan plan = assemble(connection, server, schemas, kinds, current, canonical, changes, irreplaceable);
			PlanningTimings timings = new PlanningTimings(Duration.ofNanos(read - start),
					Duration.ofNanos(canonicalized - read), Duration.ofNanos(System.nanoTime() - canonicalized));
			return plan.withTimings(timings);
		}
	}

	private List<String> schemas(Connection connection) throws SQLException {
		if (this.settings.schemas().isEmpty()) {
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT pg_catalog.current_schema()")) {
				rs.next();
				String schema = rs.getString(1);
				if (schema == null) {
					throw new PlanningException("The connection has no current schema: its search_path names no"
							+ " existing schema. Set spring.pgautogen.schemas, or fix the search_path.");
				}
				return List.of(schema);
			}
		}
		Set<String> missing = new TreeSet<>(this.settings.schemas());
		try (PreparedStatement ps = connection.prepareStatement(
				"SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname::text = ANY(?)")) {
			ps.setArray(1, connection.createArrayOf("text", this.settings.schemas().toArray()));
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					missing.remove(rs.getString(1));
				}
			}
		}
		if (!missing.isEmpty()) {
			throw new PlanningException("Schemas " + missing + " do not exist in the database. Create them in a"
					+ " migration, or remove them from spring.pgautogen.schemas.");
		}
		return this.settings.schemas();
	}

	private MigrationPlan assemble(Connection connection, ServerVersion server, List<String> schemas,
			Set<ObjectKind> kinds, CatalogSnapshot current, CanonicalCatalog canonical, List<Change> changes,
			Set<String> irreplaceable) throws SQLException {
		Map<String, Action> upgrade = new TreeMap<>();
		Map<String, Action> downgrade = new TreeMap<>();
		for (Change change : changes) {
			upgrade.put(change.identity(), change.action());
			downgrade.put(change.identity(), inverse(change, irreplaceable));
		}
		Set<Long> droppedFunctions = new TreeSet<>();
		for (Change change : changes) {
			boolean dropped = change.action() == Action.DROP || change.action() == Action.RECREATE
					|| downgrade.get(change.identity()) == Action.RECREATE;
			if (change.kind() == ObjectKind.FUNCTION && dropped && change.current() != null) {
				current.oidOf(change.identity()).ifPresent(droppedFunctions::add);
			}
		}
		Dependents dependents = Dependents.read(connection, current, droppedFunctions);
		requireRestorable(dependents, upgrade, canonical, new Scope(schemas, kinds, this.settings.exclude()));

		Map<String, CatalogObject> fromObjects = objects(current);
		Map<String, CatalogObject> toObjects = objects(canonical.desired());
		fromObjects.putAll(dependents.collateral());
		toObjects.putAll(dependents.collateral());
		Map<String, Set<String>> toDependencies = new HashMap<>(canonical.dependencies());
		dependents.collateral().keySet().forEach(id -> toDependencies.put(id, dependents.uses().getOrDefault(id, Set.of())));
		State from = new State(fromObjects, dependents.uses());
		State to = new State(toObjects, toDependencies);
		Map<String, List<String>> restore = new HashMap<>();
		fromObjects.forEach((id, object) -> restore.put(id, object.restoreStatements()));
		Direction up = MigrationSequencer.sequence(upgrade, from, to, restore);
		Direction down = MigrationSequencer.sequence(downgrade, to, from, restore);
		return new MigrationPlan(server, schemas, kinds, changes(up, changes, canonical, from, to), up.statements(),
				down.statements(), PlanningTimings.NONE);
	}

	private static Action inverse(Change change, Set<String> irreplaceable) {
		return switch (change.action()) {
			case CREATE -> Action.DROP;
			case DROP -> Action.CREATE;
			case RECREATE -> Action.RECREATE;
			case REPLACE -> irreplaceable.contains(change.identity()) ? Action.RECREATE : Action.REPLACE;
		};
	}

	/**
	 * A function that is dropped for good cannot take anything that uses it along: neither objects
	 * pgautogen does not manage, nor declared ones.
	 */
	private static void requireRestorable(Dependents dependents, Map<String, Action> upgrade,
			CanonicalCatalog canonical, Scope scope) {
		Map<String, List<String>> blocking = new TreeMap<>(dependents.blocking());
		dependents.collateral().forEach((id, object) -> {
			for (String used : dependents.uses().getOrDefault(id, Set.of())) {
				if (upgrade.get(used) == Action.DROP) {
					blocking.computeIfAbsent(used, k -> new ArrayList<>())
						.add(object.kind().label() + " " + id + ", which pgautogen does not manage: " + whyUnmanaged(object, scope));
				}
			}
		});
		if (!blocking.isEmpty()) {
			throw new UnmanagedDependentsException(blocking);
		}
		List<DeclarationProblem> problems = new ArrayList<>();
		canonical.dependencies().forEach((id, used) -> {
			for (String function : used) {
				if (upgrade.get(function) == Action.DROP) {
					DeclarationSource source = canonical.sources().get(id);
					problems.add(DeclarationProblem.of((source != null) ? source.toString() : id,
							id + " uses " + function + ", which is not declared and would be dropped",
							"Declare " + function + " too, or stop using it."));
				}
			}
		});
		if (!problems.isEmpty()) {
			throw new DeclarationException(problems);
		}
	}

	private static String whyUnmanaged(CatalogObject object, Scope scope) {
		if (!scope.kinds().contains(object.kind())) {
			return object.kind().pluralLabel() + " are not managed (declare them, or add '" + object.kind().pluralLabel()
					+ "' to spring.pgautogen.manage)";
		}
		if (!scope.schemas().contains(object.schema())) {
			return "schema '" + object.schema() + "' is not inspected";
		}
		return "it matches the exclusion pattern '" + scope.excludingPattern(object.identity()) + "'";
	}

	private static List<Change> changes(Direction up, List<Change> diff, CanonicalCatalog canonical, State from,
			State to) {
		Map<String, Change> byIdentity = new HashMap<>();
		diff.forEach(change -> byIdentity.put(change.identity(), change));
		List<Change> changes = new ArrayList<>();
		for (ObjectKind kind : ObjectKind.values()) {
			up.steps().forEach((id, action) -> {
				CatalogObject before = from.objects().get(id);
				CatalogObject after = to.objects().get(id);
				if (((before != null) ? before : after).kind() != kind) {
					return;
				}
				Change change = byIdentity.get(id);
				String reason = up.reasons().get(id);
				if (change == null || change.action() != action) {
					change = new Change(action, kind, id, canonical.sources().get(id), before, after, reason);
				}
				changes.add(change);
			});
		}
		return changes;
	}

	private static Map<String, CatalogObject> objects(CatalogSnapshot snapshot) {
		Map<String, CatalogObject> objects = new HashMap<>();
		snapshot.objects().forEach(object -> objects.put(object.identity(), object));
		return objects;
	}

	private PgAutogenException failure(SQLException ex) {
		String action = "55P03".equals(ex.getSQLState())
				? " Another session holds a lock planning needs: retry once it is done, or raise spring.pgautogen.lock-timeout."
				: " Check that the database is reachable and that the user may read its catalog.";
		return new PlanningException("Could not plan: " + ex.getMessage() + " [SQLSTATE " + ex.getSQLState() + "]."
				+ action + " Nothing was changed.", ex);
	}

	/**
	 * What depends on the functions the migration drops, in either direction.
	 *
	 * @param uses identity to the identities of the dropped functions it uses (directly)
	 * @param collateral functions and triggers pgautogen does not manage that must be dropped and
	 * recreated around those functions
	 * @param blocking function identity to descriptions of objects pgautogen cannot recreate
	 */
	private record Dependents(Map<String, Set<String>> uses, Map<String, CatalogObject> collateral,
			Map<String, List<String>> blocking) {

		static Dependents read(Connection connection, CatalogSnapshot current, Set<Long> functions)
				throws SQLException {
			List<Dependent> found = new DependentsReader(connection).dependentsOf(functions);
			CatalogReader reader = new CatalogReader(connection);
			Map<Dependent.Type, Map<Long, CatalogObject>> objects = new HashMap<>();
			for (ObjectKind kind : ObjectKind.values()) {
				Dependent.Type type = (kind == ObjectKind.FUNCTION) ? Dependent.Type.FUNCTION : Dependent.Type.TRIGGER;
				List<Long> oids = found.stream().filter(d -> d.type() == type).map(Dependent::oid).distinct().toList();
				Map<Long, CatalogObject> byOid = new HashMap<>();
				reader.byOids(kind, oids).forEach(row -> byOid.put(row.oid(), row.object()));
				objects.put(type, byOid);
			}
			Map<Long, CatalogObject> functionObjects = objects.get(Dependent.Type.FUNCTION);
			Map<String, Set<String>> uses = new HashMap<>();
			Map<String, CatalogObject> collateral = new TreeMap<>();
			Map<String, List<String>> blocking = new TreeMap<>();
			for (Dependent dependent : found) {
				String used = current.identityOf(dependent.dependsOn())
					.orElseGet(() -> functionObjects.containsKey(dependent.dependsOn())
							? functionObjects.get(dependent.dependsOn()).identity() : "oid " + dependent.dependsOn());
				CatalogObject object = objects.getOrDefault(dependent.type(), Map.of()).get(dependent.oid());
				if (dependent.type() == Dependent.Type.OTHER || object == null) {
					blocking.computeIfAbsent(used, k -> new ArrayList<>()).add(dependent.description());
					continue;
				}
				uses.computeIfAbsent(object.identity(), k -> new TreeSet<>()).add(used);
				if (!current.contains(object.identity())) {
					collateral.put(object.identity(), object);
				}
			}
			return new Dependents(uses, collateral, blocking);
		}
	}
}

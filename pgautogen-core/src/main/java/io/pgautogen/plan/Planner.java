package io.pgautogen.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

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

	private final boolean verify;

	private final UnaryOperator<MigrationPlan> beforeVerification;

	/** A planner that proves every plan it returns (see {@link MigrationPlan#verified()}). */
	public Planner(PlannerSettings settings) {
		this(settings, true, UnaryOperator.identity());
	}

	private Planner(PlannerSettings settings, boolean verify, UnaryOperator<MigrationPlan> beforeVerification) {
		this.settings = settings;
		this.verify = verify;
		this.beforeVerification = beforeVerification;
	}

	/**
	 * This planner, proving plans or not. A proof applies the upgrade and the downgrade in the
	 * rolled-back planning transaction and plans once more: about twice the cost of a plan with
	 * changes; a plan without changes costs nothing more.
	 */
	public Planner withVerification(boolean verifyPlans) {
		return new Planner(this.settings, verifyPlans, this.beforeVerification);
	}

	/** This planner, passing each plan through {@code hook} before proving it: a seam for tests. */
	Planner withHookBeforeVerification(UnaryOperator<MigrationPlan> hook) {
		return new Planner(this.settings, this.verify, hook);
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
			return plan(connection, true, declared, kinds);
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
			return plan(connection, false, declared, kinds);
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

	private MigrationPlan plan(Connection connection, boolean owned, List<DeclaredStatement> declared,
			Set<ObjectKind> kinds) throws SQLException {
		return PlanAttempts.run(connection, this.settings.lockTimeout(),
				() -> planOnce(connection, owned, declared, kinds, this.verify));
	}

	private MigrationPlan planOnce(Connection connection, boolean owned, List<DeclaredStatement> declared,
			Set<ObjectKind> kinds, boolean verifyPlan) throws SQLException {
		try (PlanningTransaction transaction = PlanningTransaction.begin(connection, owned, this.settings.lockTimeout(),
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
			// Definitions are printed only for objects that turn out to change: in a database that is
			// nearly in sync, printing them all would be most of the cost of planning.
			List<CatalogRow> currentRows = reader.headers(schemas, kinds)
				.stream()
				.filter(row -> !scope.isExcluded(row.object().identity()))
				.toList();
			CatalogSnapshot current = CatalogSnapshot.of(currentRows);
			long read = System.nanoTime();
			Canonicalizer canonicalizer = new Canonicalizer(connection, server, scope, this.settings.lockTimeout(),
					this.settings.statementTimeout());
			CanonicalCatalog canonical = canonicalizer.canonicalize(declared, current, currentRows);
			boolean differs = canonical.differsFrom(current);
			Map<String, Set<String>> dependencies = differs ? canonicalizer.dependencies(canonical, current) : Map.of();
			canonicalizer.discard();
			long canonicalized = System.nanoTime();
			MigrationPlan plan = differs
					? plan(connection, server, schemas, kinds, withDefinitions(reader, current, canonical), canonical,
							dependencies, canonicalizer)
					: new MigrationPlan(server, schemas, kinds, List.of(), List.of(), List.of(), PlanningTimings.NONE);
			if (verifyPlan && !plan.inSync()) {
				plan = new PlanVerifier(connection).verify(this.beforeVerification.apply(plan), schemas, kinds,
						() -> planOnce(connection, false, declared, kinds, false));
			}
			PlanningTimings timings = new PlanningTimings(Duration.ofNanos(read - start),
					Duration.ofNanos(canonicalized - read), Duration.ofNanos(System.nanoTime() - canonicalized));
			return plan.withTimings(timings);
		}
	}

	private MigrationPlan plan(Connection connection, ServerVersion server, List<String> schemas,
			Set<ObjectKind> kinds, CatalogSnapshot current, CanonicalCatalog canonical,
			Map<String, Set<String>> dependencies, Canonicalizer canonicalizer) throws SQLException {
		List<Change> changes = Differ.diff(current, canonical, server);
		List<Change> bodyOnly = changes.stream()
			.filter(change -> change.action() == Action.REPLACE && change.kind() == ObjectKind.FUNCTION)
			.filter(change -> !sameHeader(change.current(), change.desired()))
			.toList();
		Set<String> irreplaceable = canonicalizer.irreplaceable(bodyOnly.stream().map(Change::current).toList(),
				bodyOnly.stream().map(Change::desired).toList());
		return assemble(connection, server, schemas, kinds, current, canonical, dependencies, changes, irreplaceable);
	}

	/** {@code current} with the definitions of every object the declarations do not leave as it is. */
	private static CatalogSnapshot withDefinitions(CatalogReader reader, CatalogSnapshot current,
			CanonicalCatalog canonical) throws SQLException {
		Map<ObjectKind, List<Long>> oids = new EnumMap<>(ObjectKind.class);
		for (CatalogObject object : current.objects()) {
			if (!canonical.unchanged().contains(object.identity())) {
				oids.computeIfAbsent(object.kind(), kind -> new ArrayList<>())
					.add(current.oidOf(object.identity()).orElseThrow());
			}
		}
		List<CatalogObject> printed = new ArrayList<>();
		for (Map.Entry<ObjectKind, List<Long>> entry : oids.entrySet()) {
			reader.byOids(entry.getKey(), entry.getValue()).forEach(row -> printed.add(row.object()));
		}
		return current.with(printed);
	}

	/**
	 * Whether two definitions differ in their body only. {@code pg_get_functiondef} prints the header
	 * (signature, result, attributes) on the first line and on lines that start with a space; the body
	 * starts on the first line that does not. A body-only change can be replaced in both directions.
	 */
	private static boolean sameHeader(CatalogObject current, CatalogObject desired) {
		return header(current.definition()).equals(header(desired.definition()));
	}

	private static String header(String definition) {
		int end = definition.indexOf('\n');
		while (end >= 0 && end + 1 < definition.length() && definition.charAt(end + 1) == ' ') {
			end = definition.indexOf('\n', end + 1);
		}
		return (end < 0) ? definition : definition.substring(0, end);
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
		// Unqualified names in declarations mean the inspected schemas, whatever the connection's own
		// search_path: a declaration for schema app may say "orders" for app.orders.
		try (PreparedStatement ps = connection.prepareStatement(
				"SELECT pg_catalog.set_config('search_path', pg_catalog.array_to_string("
						+ "ARRAY(SELECT pg_catalog.quote_ident(s) FROM pg_catalog.unnest(?::text[]) s), ', '), true)")) {
			ps.setArray(1, connection.createArrayOf("text", this.settings.schemas().toArray()));
			ps.execute();
		}
		return this.settings.schemas();
	}

	private MigrationPlan assemble(Connection connection, ServerVersion server, List<String> schemas,
			Set<ObjectKind> kinds, CatalogSnapshot current, CanonicalCatalog canonical,
			Map<String, Set<String>> dependencies, List<Change> changes, Set<String> irreplaceable) throws SQLException {
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
		requireRestorable(dependents, upgrade, canonical, dependencies, new Scope(schemas, kinds, this.settings.exclude()));

		Map<String, CatalogObject> fromObjects = objects(current);
		Map<String, CatalogObject> toObjects = objects(canonical.desired());
		// Objects the declarations leave as they are were read without definitions; those that must be
		// dropped and recreated around a function now need them.
		dependents.printed().forEach((identity, object) -> {
			if (canonical.unchanged().contains(identity)) {
				fromObjects.put(identity, object);
				toObjects.put(identity, object);
			}
		});
		fromObjects.putAll(dependents.collateral());
		toObjects.putAll(dependents.collateral());
		Map<String, Set<String>> toDependencies = new HashMap<>(dependencies);
		dependents.collateral().keySet().forEach(id -> toDependencies.put(id, dependents.uses().getOrDefault(id, Set.of())));
		State from = new State(fromObjects, dependents.uses());
		State to = new State(toObjects, toDependencies);
		Map<String, List<String>> restore = restoreStatements(connection, current, dependents, changes, downgrade);
		Direction up = MigrationSequencer.sequence(upgrade, from, to, restore);
		Direction down = MigrationSequencer.sequence(downgrade, to, from, restore);
		return new MigrationPlan(server, schemas, kinds, changes(up, changes, canonical, from, to), up.statements(),
				down.statements(), PlanningTimings.NONE);
	}

	/**
	 * Privileges and comments, for every existing object a migration may drop and create again: the
	 * dropped and recreated ones, and those that depend on a dropped function. Replaced objects keep
	 * theirs.
	 */
	private static Map<String, List<String>> restoreStatements(Connection connection, CatalogSnapshot current,
			Dependents dependents, List<Change> changes, Map<String, Action> downgrade) throws SQLException {
		Map<ObjectKind, Map<Long, String>> candidates = new HashMap<>();
		for (ObjectKind kind : ObjectKind.values()) {
			candidates.put(kind, new HashMap<>());
		}
		for (Change change : changes) {
			if (change.action() != Action.REPLACE || downgrade.get(change.identity()) == Action.RECREATE) {
				current.oidOf(change.identity()).ifPresent(oid -> candidates.get(change.kind()).put(oid, change.identity()));
			}
		}
		dependents.oids().forEach((identity, oid) -> candidates
			.get(current.find(identity).map(CatalogObject::kind).orElseGet(() -> dependents.collateral().get(identity).kind()))
			.put(oid, identity));
		CatalogReader reader = new CatalogReader(connection);
		Map<String, List<String>> restore = new HashMap<>();
		for (ObjectKind kind : ObjectKind.values()) {
			Map<Long, String> identities = candidates.get(kind);
			reader.restoreStatements(kind, identities.keySet())
				.forEach((oid, statements) -> restore.put(identities.get(oid), statements));
		}
		return restore;
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
			CanonicalCatalog canonical, Map<String, Set<String>> dependencies, Scope scope) {
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
		dependencies.forEach((id, used) -> {
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
	 * @param oids identity to oid of every function and trigger found
	 * @param printed identity to every function and trigger found, with its definition
	 */
	private record Dependents(Map<String, Set<String>> uses, Map<String, CatalogObject> collateral,
			Map<String, List<String>> blocking, Map<String, Long> oids, Map<String, CatalogObject> printed) {

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
			Map<String, Long> oids = new HashMap<>();
			Map<String, CatalogObject> printed = new HashMap<>();
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
				oids.put(object.identity(), dependent.oid());
				printed.put(object.identity(), object);
				if (!current.contains(object.identity())) {
					collateral.put(object.identity(), object);
				}
			}
			return new Dependents(uses, collateral, blocking, oids, printed);
		}
	}
}

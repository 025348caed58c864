package io.pgautogen.plan;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.pgautogen.canonical.CanonicalCatalog;
import io.pgautogen.canonical.ReplacementProbe;
import io.pgautogen.catalog.CatalogObject;
import io.pgautogen.catalog.CatalogReader;
import io.pgautogen.catalog.CatalogSnapshot;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.Scope;
import io.pgautogen.catalog.UnmanagedDependentsException;
import io.pgautogen.declaration.DeclarationException;
import io.pgautogen.declaration.DeclarationProblem;
import io.pgautogen.declaration.DeclarationSource;
import io.pgautogen.diff.Action;
import io.pgautogen.diff.Change;
import io.pgautogen.diff.Differ;
import io.pgautogen.kind.Kinds;
import io.pgautogen.plan.MigrationSequencer.Direction;
import io.pgautogen.plan.MigrationSequencer.State;

/**
 * Turns the canonical declarations into a plan: diffs them with the catalog, decides how each
 * change is undone, finds what must be dropped and recreated around dropped objects, and orders
 * both directions. Runs after the sandbox was discarded.
 */
final class PlanAssembly {

	private static final String UNMANAGED = "; pgautogen does not manage it, so it is recreated from its current definition";

	private final PlanningContext context;

	PlanAssembly(PlanningContext context) {
		this.context = context;
	}

	/**
	 * @param headers the managed objects as they are, read without definitions
	 * @param canonical the declarations, canonicalized
	 * @param dependencies identity of each declared object to the identities of what it uses
	 */
	Assembled plan(CatalogSnapshot headers, CanonicalCatalog canonical, Map<String, Set<String>> dependencies)
			throws SQLException {
		CatalogReader reader = new CatalogReader(this.context.connection());
		CatalogSnapshot current = withDefinitions(reader, headers, canonical);
		List<Change> changes = Differ.diff(current, canonical, this.context.server());
		List<Change> bodyOnly = changes.stream()
			.filter(change -> change.action() == Action.REPLACE && change.kind() == ObjectKind.FUNCTION)
			.filter(change -> !FunctionHeaders.same(change.current(), change.desired()))
			.toList();
		Set<String> irreplaceable = new ReplacementProbe(this.context.connection())
			.irreplaceable(bodyOnly.stream().map(Change::current).toList(), bodyOnly.stream().map(Change::desired).toList());

		Map<String, Action> upgrade = new TreeMap<>();
		Map<String, Action> downgrade = new TreeMap<>();
		for (Change change : changes) {
			upgrade.put(change.identity(), change.action());
			downgrade.put(change.identity(), inverse(change, irreplaceable));
		}
		Set<Long> functions = new TreeSet<>();
		Set<Long> relations = new TreeSet<>();
		for (Change change : changes) {
			boolean dropped = change.action() == Action.DROP || change.action() == Action.RECREATE
					|| downgrade.get(change.identity()) == Action.RECREATE;
			if (dropped && change.current() != null && change.current().kind() != ObjectKind.TRIGGER) {
				current.oidOf(change.identity())
					.ifPresent((change.current().kind() == ObjectKind.FUNCTION) ? functions::add : relations::add);
			}
		}
		Dependents dependents = Dependents.read(this.context.connection(), current, functions, relations);
		requireRestorable(dependents, upgrade, canonical, dependencies, this.context.scope());

		Map<String, CatalogObject> fromObjects = objects(current);
		Map<String, CatalogObject> toObjects = objects(canonical.desired());
		// Objects the declarations leave as they are were read without definitions; those that must be
		// dropped and recreated around another now need them.
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
		Map<String, List<String>> restore = restoreStatements(reader, current, dependents, changes, downgrade);
		Direction up = MigrationSequencer.sequence(upgrade, from, to, restore);
		Direction down = MigrationSequencer.sequence(downgrade, to, from, restore);
		MigrationPlan plan = new MigrationPlan(this.context.server(), this.context.schemas(), this.context.kinds(),
				changes(up, changes, canonical, from, to, dependents), up.statements(), down.statements(),
				PlanningTimings.NONE);
		Set<String> downgradeOnly = new TreeSet<>(down.steps().keySet());
		downgradeOnly.removeAll(up.steps().keySet());
		return new Assembled(plan, downgradeOnly);
	}

	/**
	 * A plan, and the objects its downgrade recreates although its upgrade leaves them alone (a view
	 * over one whose column the downgrade removes again): they are not among its changes.
	 */
	record Assembled(MigrationPlan plan, Set<String> recreatedByDowngradeOnly) {
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
	 * Privileges and comments, for every existing object a migration may drop and create again: the
	 * dropped and recreated ones, and those that depend on a dropped object. Replaced objects keep
	 * theirs.
	 */
	private static Map<String, List<String>> restoreStatements(CatalogReader reader, CatalogSnapshot current,
			Dependents dependents, List<Change> changes, Map<String, Action> downgrade) throws SQLException {
		Map<ObjectKind, Map<Long, String>> candidates = new EnumMap<>(ObjectKind.class);
		for (ObjectKind kind : ObjectKind.values()) {
			candidates.put(kind, new HashMap<>());
		}
		for (Change change : changes) {
			if (change.current() != null
					&& (change.action() != Action.REPLACE || downgrade.get(change.identity()) == Action.RECREATE)) {
				current.oidOf(change.identity())
					.ifPresent(oid -> candidates.get(change.current().kind()).put(oid, change.identity()));
			}
		}
		dependents.oids().forEach((identity, oid) -> candidates
			.get(current.find(identity).map(CatalogObject::kind).orElseGet(() -> dependents.collateral().get(identity).kind()))
			.put(oid, identity));
		Map<String, List<String>> restore = new HashMap<>();
		for (ObjectKind kind : ObjectKind.values()) {
			Map<Long, String> identities = candidates.get(kind);
			reader.restoreStatements(kind, identities.keySet())
				.forEach((oid, statements) -> restore.put(identities.get(oid), statements));
		}
		return restore;
	}

	private Action inverse(Change change, Set<String> irreplaceable) {
		return switch (change.action()) {
			case CREATE -> Action.DROP;
			case DROP -> Action.CREATE;
			case RECREATE -> Action.RECREATE;
			case REPLACE -> (irreplaceable.contains(change.identity()) || !Kinds.of(change.kind())
				.replaceable(change.desired(), change.current(), this.context.server())) ? Action.RECREATE : Action.REPLACE;
		};
	}

	/**
	 * An object that is dropped for good cannot take anything that uses it along: neither objects
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
			for (String object : used) {
				if (upgrade.get(object) == Action.DROP) {
					DeclarationSource source = canonical.sources().get(id);
					problems.add(DeclarationProblem.of((source != null) ? source.toString() : id,
							id + " uses " + object + ", which is not declared and would be dropped",
							"Declare " + object + " too, or stop using it."));
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
			State to, Dependents dependents) {
		Map<String, Change> byIdentity = new HashMap<>();
		diff.forEach(change -> byIdentity.put(change.identity(), change));
		List<Change> changes = new ArrayList<>();
		for (ObjectKind kind : ObjectKind.values()) {
			up.steps().forEach((id, action) -> {
				CatalogObject before = from.objects().get(id);
				CatalogObject after = to.objects().get(id);
				if (((after != null) ? after : before).kind() != kind) {
					return;
				}
				Change change = byIdentity.get(id);
				if (change == null || change.action() != action) {
					String reason = up.reasons().get(id);
					if (reason != null && dependents.collateral().containsKey(id)) {
						reason += UNMANAGED;
					}
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
}

package io.pgautogen.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import io.pgautogen.catalog.CatalogObject;
import io.pgautogen.diff.Action;
import io.pgautogen.kind.Kinds;

/**
 * Turns what happens to each object into statements that PostgreSQL can run in order: first every
 * drop, dependents before what they use; then every create and replace, what an object uses first.
 * The order comes from one dependency graph over all kinds; ties go to functions, views,
 * materialized views, triggers (the reverse for drops), then identity. An object that uses one being
 * dropped is dropped before it and, unless it goes away too, created again afterwards.
 */
final class MigrationSequencer {

	static final String UNCHECKED_BODIES = "SET LOCAL check_function_bodies = off";

	private MigrationSequencer() {
	}

	/**
	 * @param steps identity to what happens to it
	 * @param from the state the statements start from
	 * @param to the state they lead to
	 * @param restore identity to the statements that give an object created anew the privileges and
	 * comments the existing object has
	 * @return the statements, and the steps after objects using dropped ones were added
	 */
	static Direction sequence(Map<String, Action> steps, State from, State to, Map<String, List<String>> restore) {
		Map<String, Action> promoted = new TreeMap<>(steps);
		Map<String, String> reasons = new HashMap<>();
		promoteDependents(promoted, reasons, from, to);

		List<String> statements = new ArrayList<>();
		List<String> dropped = select(promoted, from, Action.DROP, Action.RECREATE);
		Map<String, Set<String>> usedBy = reverse(from.dependencies());
		topological(dropped, id -> usedBy.getOrDefault(id, Set.of()), byRank(from, true))
			.forEach(id -> statements.add(from.objects().get(id).dropStatement()));

		List<String> created = select(promoted, to, Action.CREATE, Action.REPLACE, Action.RECREATE);
		if (created.stream().anyMatch(id -> to.objects().get(id).sqlStringBody())) {
			// LANGUAGE sql string bodies are checked against the catalog on creation, and which functions
			// they call is unknown to pg_depend: order cannot be derived, so skip the check as pg_dump does.
			statements.add(UNCHECKED_BODIES);
		}
		topological(created, id -> to.dependencies().getOrDefault(id, Set.of()), byRank(to, false))
			.forEach(id -> create(statements, id, promoted.get(id), to.objects().get(id), restore));
		return new Direction(promoted, reasons, statements);
	}

	/** Functions, views, materialized views, triggers (or the reverse), then identity. */
	private static Comparator<String> byRank(State state, boolean reversed) {
		Comparator<String> rank = Comparator.comparingInt(id -> state.objects().get(id).kind().ordinal());
		return (reversed ? rank.reversed() : rank).thenComparing(Comparator.naturalOrder());
	}

	/**
	 * Everything in {@code from} that uses an object being dropped must be dropped first; if it
	 * exists in {@code to}, it is created again afterwards. Repeats until nothing changes, since a
	 * dropped object may itself be used by others.
	 */
	private static void promoteDependents(Map<String, Action> steps, Map<String, String> reasons, State from,
			State to) {
		Set<String> dropped = new HashSet<>();
		steps.forEach((id, action) -> {
			if (from.objects().containsKey(id) && isDrop(action)) {
				dropped.add(id);
			}
		});
		boolean changed = true;
		while (changed) {
			changed = false;
			for (Map.Entry<String, Set<String>> entry : new TreeMap<>(from.dependencies()).entrySet()) {
				String id = entry.getKey();
				CatalogObject object = from.objects().get(id);
				if (object == null || isDrop(steps.get(id))) {
					continue;
				}
				String used = entry.getValue().stream().filter(dropped::contains).findFirst().orElse(null);
				if (used == null) {
					continue;
				}
				steps.put(id, to.objects().containsKey(id) ? Action.RECREATE : Action.DROP);
				reasons.put(id, "uses " + used + ", which is " + ((steps.get(used) == Action.DROP) ? "dropped" : "recreated"));
				dropped.add(id);
				changed = true;
			}
		}
	}

	private static boolean isDrop(Action action) {
		return action == Action.DROP || action == Action.RECREATE;
	}

	/** Creates or replaces the object; one created anew gets the privileges and comments back. */
	private static void create(List<String> statements, String id, Action action, CatalogObject object,
			Map<String, List<String>> restore) {
		if (action == Action.REPLACE) {
			statements.add(Kinds.of(object.kind()).replaceStatement(object));
			return;
		}
		statements.addAll(object.createStatements());
		statements.addAll(restore.getOrDefault(id, List.of()));
	}

	private static List<String> select(Map<String, Action> steps, State state, Action... actions) {
		Set<Action> wanted = Set.of(actions);
		List<String> selected = new ArrayList<>();
		steps.forEach((id, action) -> {
			if (wanted.contains(action) && state.objects().containsKey(id)) {
				selected.add(id);
			}
		});
		return selected;
	}

	private static Map<String, Set<String>> reverse(Map<String, Set<String>> dependencies) {
		Map<String, Set<String>> reversed = new HashMap<>();
		dependencies.forEach((id, used) -> used.forEach(u -> reversed.computeIfAbsent(u, k -> new HashSet<>()).add(id)));
		return reversed;
	}

	/**
	 * Orders {@code ids} so that each comes after everything {@code prerequisites} names for it
	 * (within {@code ids}); ties, and any cycle, are broken in {@code order}.
	 */
	static List<String> topological(List<String> ids, Function<String, Set<String>> prerequisites,
			Comparator<String> order) {
		Set<String> members = new HashSet<>(ids);
		TreeMap<String, Integer> waiting = new TreeMap<>(order);
		Map<String, List<String>> unlocks = new HashMap<>();
		TreeSet<String> ready = new TreeSet<>(order);
		for (String id : ids) {
			int count = 0;
			for (String prerequisite : prerequisites.apply(id)) {
				if (members.contains(prerequisite) && !prerequisite.equals(id)) {
					unlocks.computeIfAbsent(prerequisite, k -> new ArrayList<>()).add(id);
					count++;
				}
			}
			waiting.put(id, count);
			if (count == 0) {
				ready.add(id);
			}
		}
		List<String> ordered = new ArrayList<>(ids.size());
		while (!waiting.isEmpty()) {
			String next = ready.isEmpty() ? waiting.firstKey() : ready.pollFirst();
			waiting.remove(next);
			ordered.add(next);
			for (String unlocked : unlocks.getOrDefault(next, List.of())) {
				Integer count = waiting.get(unlocked);
				if (count != null) {
					waiting.put(unlocked, count - 1);
					if (count == 1) {
						ready.add(unlocked);
					}
				}
			}
		}
		return ordered;
	}

	/**
	 * One side of a migration.
	 *
	 * @param objects identity to object
	 * @param dependencies identity to the identities of the objects it uses
	 */
	record State(Map<String, CatalogObject> objects, Map<String, Set<String>> dependencies) {
	}

	/**
	 * One direction of a migration.
	 *
	 * @param steps identity to what happens to it, including objects recreated because they use a
	 * dropped one
	 * @param reasons identity to why an object that did not change is recreated
	 * @param statements the statements, in order
	 */
	record Direction(Map<String, Action> steps, Map<String, String> reasons, List<String> statements) {
	}
}

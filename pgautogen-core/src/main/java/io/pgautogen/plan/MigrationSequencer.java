package io.pgautogen.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import io.pgautogen.catalog.CatalogObject;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.diff.Action;

/**
 * Turns what happens to each object into statements that PostgreSQL can run in order: drop
 * triggers, drop functions (dependents before what they use), create or replace functions (what
 * they use first), create or replace triggers. An object that uses a function being dropped is
 * dropped before it and, unless it goes away too, created again afterwards.
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
	 * comment the existing object has
	 * @return the statements, and the steps after objects using dropped functions were added
	 */
	static Direction sequence(Map<String, Action> steps, State from, State to, Map<String, List<String>> restore) {
		Map<String, Action> promoted = new TreeMap<>(steps);
		Map<String, String> reasons = new HashMap<>();
		promoteDependents(promoted, reasons, from, to);

		List<String> statements = new ArrayList<>();
		List<String> droppedTriggers = select(promoted, from, ObjectKind.TRIGGER, Action.DROP, Action.RECREATE);
		droppedTriggers.forEach(id -> statements.add(from.objects().get(id).dropStatement()));
		List<String> droppedFunctions = select(promoted, from, ObjectKind.FUNCTION, Action.DROP, Action.RECREATE);
		Map<String, Set<String>> usedBy = reverse(from.dependencies());
		topological(droppedFunctions, id -> usedBy.getOrDefault(id, Set.of()))
			.forEach(id -> statements.add(from.objects().get(id).dropStatement()));

		List<String> createdFunctions = select(promoted, to, ObjectKind.FUNCTION, Action.CREATE, Action.REPLACE,
				Action.RECREATE);
		if (createdFunctions.stream().anyMatch(id -> to.objects().get(id).sqlStringBody())) {
			// LANGUAGE sql string bodies are checked against the catalog on creation, and which functions
			// they call is unknown to pg_depend: order cannot be derived, so skip the check as pg_dump does.
			statements.add(UNCHECKED_BODIES);
		}
		topological(createdFunctions, id -> to.dependencies().getOrDefault(id, Set.of()))
			.forEach(id -> create(statements, id, promoted.get(id), to.objects().get(id), restore));
		select(promoted, to, ObjectKind.TRIGGER, Action.CREATE, Action.REPLACE, Action.RECREATE)
			.forEach(id -> create(statements, id, promoted.get(id), to.objects().get(id), restore));
		return new Direction(promoted, reasons, statements);
	}

	/**
	 * Everything in {@code from} that uses a function being dropped must be dropped first; if it
	 * exists in {@code to}, it is created again afterwards. Repeats until nothing changes, since a
	 * dropped function may itself be used by others.
	 */
	private static void promoteDependents(Map<String, Action> steps, Map<String, String> reasons, State from,
			State to) {
		Set<String> dropped = new HashSet<>();
		steps.forEach((id, action) -> {
			CatalogObject object = from.objects().get(id);
			if (object != null && object.kind() == ObjectKind.FUNCTION && isDrop(action)) {
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
				if (object.kind() == ObjectKind.FUNCTION) {
					dropped.add(id);
				}
				changed = true;
			}
		}
	}

	private static boolean isDrop(Action action) {
		return action == Action.DROP || action == Action.RECREATE;
	}

	/** Creates or replaces the object; one created anew gets the privileges and comment back. */
	private static void create(List<String> statements, String id, Action action, CatalogObject object,
			Map<String, List<String>> restore) {
		if (action == Action.REPLACE) {
			statements.add(object.replaceStatement());
			return;
		}
		statements.add(object.definition());
		statements.addAll(restore.getOrDefault(id, List.of()));
	}

	private static List<String> select(Map<String, Action> steps, State state, ObjectKind kind, Action... actions) {
		Set<Action> wanted = Set.of(actions);
		List<String> selected = new ArrayList<>();
		steps.forEach((id, action) -> {
			CatalogObject object = state.objects().get(id);
			if (wanted.contains(action) && object != null && object.kind() == kind) {
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
	 * (within {@code ids}); ties, and any cycle, are broken in identity order.
	 */
	static List<String> topological(List<String> ids, Function<String, Set<String>> prerequisites) {
		Set<String> members = new HashSet<>(ids);
		TreeMap<String, Integer> waiting = new TreeMap<>();
		Map<String, List<String>> unlocks = new HashMap<>();
		TreeSet<String> ready = new TreeSet<>();
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
	 * @param dependencies identity to the identities of the functions it uses
	 */
	record State(Map<String, CatalogObject> objects, Map<String, Set<String>> dependencies) {
	}

	/**
	 * One direction of a migration.
	 *
	 * @param steps identity to what happens to it, including objects recreated because they use a
	 * dropped function
	 * @param reasons identity to why an object that did not change is recreated
	 * @param statements the statements, in order
	 */
	record Direction(Map<String, Action> steps, Map<String, String> reasons, List<String> statements) {
	}
}

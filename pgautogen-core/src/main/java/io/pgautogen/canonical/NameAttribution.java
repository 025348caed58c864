package io.pgautogen.canonical;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.pgautogen.catalog.CatalogRow;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.declaration.DeclaredStatement;
import io.pgautogen.sql.ObjectName;

/**
 * Ties rows read back from the sandbox to the declarations that wrote them by the name each
 * statement gives its object. Only an unambiguous one-to-one match counts: overloaded names,
 * duplicates or names that cannot be read plainly make it give up, and the caller falls back to
 * per-statement subtransactions.
 */
final class NameAttribution {

	private NameAttribution() {
	}

	/**
	 * @return whether every row and every declaration matched exactly once; {@code owners} then
	 * also holds identity to declaration
	 */
	static boolean attribute(List<CatalogRow> rows, List<DeclaredStatement> declared,
			Map<String, DeclaredStatement> owners) {
		Map<String, DeclaredStatement> matched = new HashMap<>();
		if (rows.size() != declared.size()) {
			return false;
		}
		List<ObjectName> declaredNames = new ArrayList<>();
		Map<String, List<Integer>> byName = new HashMap<>();
		for (DeclaredStatement statement : declared) {
			ObjectName name = statement.objectName();
			if (name == null) {
				return false;
			}
			byName.computeIfAbsent(key(name), k -> new ArrayList<>()).add(declaredNames.size());
			declaredNames.add(name);
		}
		Set<Integer> used = new HashSet<>();
		for (CatalogRow row : rows) {
			boolean trigger = row.object().kind() == ObjectKind.TRIGGER;
			Optional<ObjectName> actual = ObjectName.ofIdentity(row.object().identity(), trigger);
			if (actual.isEmpty()) {
				return false;
			}
			int match = -1;
			for (int candidate : byName.getOrDefault(key(actual.get()), List.of())) {
				if (matches(declaredNames.get(candidate), actual.get(), trigger)) {
					if (match >= 0) {
						return false;
					}
					match = candidate;
				}
			}
			if (match < 0 || !used.add(match)) {
				return false;
			}
			matched.put(row.object().identity(), declared.get(match));
		}
		owners.putAll(matched);
		return true;
	}

	/** What a declaration and a row must share: the name, and for a trigger its table. */
	private static String key(ObjectName name) {
		return (name.table() != null) ? name.table() + "\u0000" + name.name() : name.name();
	}

	private static boolean matches(ObjectName declared, ObjectName actual, boolean trigger) {
		boolean schema = declared.schema() == null || declared.schema().equals(actual.schema());
		return schema && declared.name().equals(actual.name()) && (!trigger || Objects.equals(declared.table(), actual.table()));
	}
}

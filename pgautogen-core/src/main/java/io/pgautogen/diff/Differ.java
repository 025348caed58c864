package io.pgautogen.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.pgautogen.canonical.CanonicalCatalog;
import io.pgautogen.catalog.CatalogObject;
import io.pgautogen.catalog.CatalogSnapshot;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.ServerVersion;
import io.pgautogen.kind.Kinds;

/**
 * Compares the managed objects as they are with the declared ones, by identity. Within the managed
 * kinds and schemas the declarations are the whole truth: what is not declared is dropped.
 */
public final class Differ {

	private Differ() {
	}

	/**
	 * @param current the managed objects as they are, with definitions for every object that is not
	 * {@linkplain CanonicalCatalog#unchanged() unchanged}
	 * @param canonical the declared objects, canonicalized
	 * @param server the server, which decides for instance whether triggers can be replaced in place
	 * @return the changes, by kind, each kind ordered by identity; an object whose kind changes is
	 * listed under its new kind
	 */
	public static List<Change> diff(CatalogSnapshot current, CanonicalCatalog canonical, ServerVersion server) {
		CatalogSnapshot desired = canonical.desired();
		List<Change> changes = new ArrayList<>();
		for (ObjectKind kind : ObjectKind.values()) {
			Set<String> identities = new TreeSet<>();
			current.objects().stream().filter(o -> o.kind() == kind).forEach(o -> identities.add(o.identity()));
			desired.objects().stream().filter(o -> o.kind() == kind).forEach(o -> identities.add(o.identity()));
			for (String identity : identities) {
				CatalogObject from = current.find(identity).orElse(null);
				CatalogObject to = desired.find(identity).orElse(null);
				if (canonical.unchanged().contains(identity) || ((to != null) ? to : from).kind() != kind) {
					continue;
				}
				Action action = action(from, to, canonical.displaced().contains(identity), server);
				if (action != null) {
					changes.add(new Change(action, kind, identity, canonical.sources().get(identity), from, to, null));
				}
			}
		}
		return changes;
	}

	private static Action action(CatalogObject from, CatalogObject to, boolean displaced, ServerVersion server) {
		if (from == null) {
			return Action.CREATE;
		}
		if (to == null) {
			return Action.DROP;
		}
		if (displaced || from.kind() != to.kind()) {
			return Action.RECREATE;
		}
		return Kinds.of(from.kind()).change(from, to, server);
	}
}

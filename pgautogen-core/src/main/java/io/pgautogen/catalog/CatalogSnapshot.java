package io.pgautogen.catalog;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The managed objects read from one database at one moment, by identity. Also remembers each
 * object's oid in that database, so that dependencies read from {@code pg_depend} can be named.
 */
public final class CatalogSnapshot {

	private final Map<String, CatalogObject> objects;

	private final Map<Long, String> identityByOid;

	private final Map<String, Long> oidByIdentity = new HashMap<>();

	private CatalogSnapshot(Map<String, CatalogObject> objects, Map<Long, String> identityByOid) {
		this.objects = Collections.unmodifiableMap(new TreeMap<>(objects));
		this.identityByOid = Map.copyOf(identityByOid);
		identityByOid.forEach((oid, identity) -> this.oidByIdentity.put(identity, oid));
	}

	/** A snapshot of {@code rows}, read from one database. */
	public static CatalogSnapshot of(Collection<CatalogRow> rows) {
		Map<String, CatalogObject> objects = new HashMap<>();
		Map<Long, String> identityByOid = new HashMap<>();
		for (CatalogRow row : rows) {
			objects.put(row.object().identity(), row.object());
			identityByOid.put(row.oid(), row.object().identity());
		}
		return new CatalogSnapshot(objects, identityByOid);
	}

	/** This snapshot with {@code replacements} in place of the objects of the same identity. */
	public CatalogSnapshot with(Collection<CatalogObject> replacements) {
		Map<String, CatalogObject> objects = new HashMap<>(this.objects);
		replacements.forEach(object -> objects.put(object.identity(), object));
		return new CatalogSnapshot(objects, this.identityByOid);
	}

	/** All objects, ordered by identity. */
	public Collection<CatalogObject> objects() {
		return this.objects.values();
	}

	/** The object with {@code identity}, if present. */
	public Optional<CatalogObject> find(String identity) {
		return Optional.ofNullable(this.objects.get(identity));
	}

	/** Whether an object with {@code identity} is present. */
	public boolean contains(String identity) {
		return this.objects.containsKey(identity);
	}

	/** The identity of the object with {@code oid} in the database this snapshot was read from. */
	public Optional<String> identityOf(long oid) {
		return Optional.ofNullable(this.identityByOid.get(oid));
	}

	/** The oid of the object with {@code identity} in the database this snapshot was read from. */
	public Optional<Long> oidOf(String identity) {
		return Optional.ofNullable(this.oidByIdentity.get(identity));
	}

	/** Number of objects. */
	public int size() {
		return this.objects.size();
	}
}

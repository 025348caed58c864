package io.pgautogen.canonical;

import java.util.Map;
import java.util.Set;

import io.pgautogen.catalog.CatalogSnapshot;
import io.pgautogen.declaration.DeclarationSource;

/**
 * The declared objects as PostgreSQL canonicalized them.
 *
 * @param desired the declared objects, read back from the catalog
 * @param sources identity to the declaration that defines it
 * @param displaced identities of existing objects that PostgreSQL would not let the
 * declaration replace in place ({@code CREATE OR REPLACE} refused): they must be dropped and
 * created again
 * @param unchanged identities whose declaration wrote a catalog row identical to the existing one:
 * the object stays as it is, and its definition was not read
 * @param restored oid to identity of the objects pgautogen does not manage that the sandbox dropped
 * along with displaced ones and created again, so that what they use can be told
 */
public record CanonicalCatalog(CatalogSnapshot desired, Map<String, DeclarationSource> sources,
		Set<String> displaced, Set<String> unchanged, Map<Long, String> restored) {

	/** Whether the declarations differ from the database in any way. */
	public boolean differsFrom(CatalogSnapshot current) {
		if (!this.displaced.isEmpty() || this.desired.size() != current.size()
				|| this.unchanged.size() != this.desired.size()) {
			return true;
		}
		return this.desired.objects().stream().anyMatch(object -> !current.contains(object.identity()));
	}
}

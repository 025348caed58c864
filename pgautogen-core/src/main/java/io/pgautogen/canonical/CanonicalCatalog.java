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
 * @param dependencies identity to the identities of the functions it depends on
 * @param displaced identities of existing functions and triggers that PostgreSQL would not let the
 * declaration replace in place ({@code CREATE OR REPLACE} refused): they must be dropped and
 * created again
 */
public record CanonicalCatalog(CatalogSnapshot desired, Map<String, DeclarationSource> sources,
		Map<String, Set<String>> dependencies, Set<String> displaced) {
}

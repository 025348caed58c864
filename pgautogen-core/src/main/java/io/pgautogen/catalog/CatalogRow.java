package io.pgautogen.catalog;

/**
 * A catalog object together with where it sits in one database.
 *
 * @param oid the object's oid
 * @param object the object
 * @param contentHash a digest of the object's raw catalog row: equal digests mean equal definitions
 */
public record CatalogRow(long oid, CatalogObject object, String contentHash) {
}

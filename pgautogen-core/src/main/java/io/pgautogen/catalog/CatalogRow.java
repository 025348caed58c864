package io.pgautogen.catalog;

/**
 * A catalog object together with where it sits in one database.
 *
 * @param oid the object's oid
 * @param object the object
 */
public record CatalogRow(long oid, CatalogObject object) {
}

package io.pgautogen.catalog;

import io.pgautogen.PgAutogenException;

/**
 * An object read a moment ago is gone: another session dropped or replaced it while planning ran
 * (PostgreSQL prints definitions from the current catalog, not from the planning transaction's
 * snapshot). Planning starts again from a fresh read.
 */
public class CatalogChangedException extends PgAutogenException {

	private final String identity;

	/** @param identity the object that changed */
	public CatalogChangedException(String identity) {
		super(identity + " was dropped or changed by another session while planning read it");
		this.identity = identity;
	}

	/** The object that changed. */
	public String identity() {
		return this.identity;
	}
}

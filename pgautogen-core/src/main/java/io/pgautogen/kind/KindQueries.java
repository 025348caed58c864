package io.pgautogen.kind;

/**
 * How one kind is read from the catalog. Every query selects the same columns, so that one reader
 * maps them all: {@code oid}, identity, schema, name, definition, drop statement, columns
 * ({@code text[]}), traits ({@code text[]}), attached statements ({@code text[]}) and a digest of the
 * rows that define the object.
 *
 * @param catalog the catalog and its alias, e.g. {@code pg_catalog.pg_proc p}
 * @param objects the query over the kind's objects, with {@code {rows}} where the catalog rows come
 * from (the whole catalog, or the rows with given oids) and {@code {definition}} where the
 * definition is printed; joined to {@code pg_catalog.pg_namespace n}
 * @param definition the expression printing the definition, as {@code {definition}}
 * @param written the kind's rows in the {@code FROM} clause, joined to {@code n}, with the filter
 * that selects the kind ({@code WHERE …}), for telling the rows a sandbox writes
 * @param identity the expression of an object's identity over {@code written}
 * @param contentHash the digest of the rows that define an object, over {@code written}; also
 * what {@code {hash}} in {@code objects} stands for
 */
public record KindQueries(String catalog, String objects, String definition, String written, String identity,
		String contentHash) {

	/** {@link #objects()} over {@code rows}, printing definitions or not. */
	public String objects(String rows, boolean definitions) {
		return this.objects.replace("{rows}", rows)
			.replace("{definition}", definitions ? this.definition : "NULL::text")
			.replace("{hash}", this.contentHash);
	}

	/** The alias of the catalog rows, e.g. {@code p}. */
	public String alias() {
		return this.catalog.substring(this.catalog.lastIndexOf(' ') + 1);
	}
}

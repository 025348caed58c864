package io.pgautogen.kind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.pgautogen.catalog.CatalogObject;
import io.pgautogen.catalog.CatalogObject.Trait;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.ServerVersion;
import io.pgautogen.sql.CreateStatement;
import io.pgautogen.sql.CreateStatement.DataClause;

/**
 * Materialized views with their indexes, which are declared next to them ({@code CREATE [UNIQUE]
 * INDEX … ON the_view}) and are part of their definition. The sandbox creates them {@code WITH NO
 * DATA}, so planning never runs their query; any change recreates them, {@code WITH DATA} unless
 * declared {@code WITH NO DATA}.
 */
final class MaterializedViewKind extends RelationKind {

	private static final String WITH_DATA = "\n  WITH DATA";

	private static final String WITH_NO_DATA = "\n  WITH NO DATA";

	MaterializedViewKind() {
		super('m', "MATERIALIZED VIEW", "'CREATE MATERIALIZED VIEW ' || pg_catalog.format('%I.%I', n.nspname, c.relname)"
				+ " || COALESCE((SELECT ' USING ' || pg_catalog.quote_ident(am.amname) FROM pg_catalog.pg_am am"
				+ " WHERE am.oid = c.relam AND am.amname <> 'heap'), '') || " + OPTIONS
				+ " || COALESCE((SELECT ' TABLESPACE ' || pg_catalog.quote_ident(ts.spcname) FROM pg_catalog.pg_tablespace ts"
				+ " WHERE ts.oid = c.reltablespace), '') || E' AS\\n' || " + QUERY,
				"CASE WHEN c.relispopulated THEN '{POPULATED}' ELSE '{}' END::text[]",
				"ARRAY(SELECT pg_catalog.pg_get_indexdef(i.indexrelid) FROM pg_catalog.pg_index i"
						+ " JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = c.oid ORDER BY ic.relname)");
	}

	@Override
	public ObjectKind kind() {
		return ObjectKind.MATERIALIZED_VIEW;
	}

	@Override
	public boolean declares(CreateStatement head) {
		return head.createsMaterializedView() || head.createsIndex();
	}

	@Override
	public String expectedStatements() {
		return "CREATE MATERIALIZED VIEW or CREATE [UNIQUE] INDEX on a declared materialized view";
	}

	@Override
	public String declarationType() {
		return "PgMaterializedView";
	}

	/** Always {@code WITH NO DATA}, whatever the declaration says: planning never runs the query. */
	@Override
	public SandboxStatement sandboxStatement(CreateStatement head, ServerVersion server) {
		if (head.createsIndex()) {
			return new SandboxStatement(head.rewritten(false), false);
		}
		String sql = head.sql();
		String withoutData = head.dataClause().map(clause -> sql.substring(0, clause.start())).orElse(sql + "\n");
		CreateStatement noData = new CreateStatement(withoutData + "WITH NO DATA", head.objectType(), false,
				head.objectEnd());
		return new SandboxStatement(noData.rewritten(false), false);
	}

	/** Something else of that name already there (42P07); an index on a view or table (42809). */
	@Override
	public Set<String> refusedReplacement() {
		return Set.of("42P07", "42809");
	}

	/** A materialized view cannot be replaced: the sandbox creates each declared one anew. */
	@Override
	public boolean droppedBeforeSandbox(CatalogObject existing, ServerVersion server) {
		return true;
	}

	@Override
	public List<String> createStatements(String definition, List<String> attached, Set<Trait> traits) {
		List<String> statements = new ArrayList<>();
		statements.add(definition + (traits.contains(Trait.POPULATED) ? WITH_DATA : WITH_NO_DATA));
		statements.addAll(attached);
		return statements;
	}

	/** {@code WITH NO DATA}, whatever the object holds: planning never runs the query. */
	@Override
	public List<String> sandboxStatements(CatalogObject object) {
		List<String> statements = new ArrayList<>(object.createStatements());
		statements.set(0, withoutData(statements.get(0)) + WITH_NO_DATA);
		return statements;
	}

	/**
	 * {@code statement} as the proof of a plan runs it: a materialized view pgautogen created
	 * {@code WITH DATA} is created {@code WITH NO DATA}, so that proving a plan never runs a query.
	 */
	static String unpopulated(String statement) {
		return (statement.startsWith("CREATE MATERIALIZED VIEW ") && statement.endsWith(WITH_DATA))
				? withoutData(statement) + WITH_NO_DATA : statement;
	}

	private static String withoutData(String statement) {
		return statement.substring(0, statement.length() - (statement.endsWith(WITH_DATA) ? WITH_DATA : WITH_NO_DATA).length());
	}

	@Override
	public String comparedDefinition(String definition, List<String> attached) {
		StringBuilder text = new StringBuilder(definition);
		attached.forEach(index -> text.append(";\n").append(index));
		return text.toString();
	}

	@Override
	public boolean replaceable(CatalogObject from, CatalogObject to, ServerVersion server) {
		return false;
	}

	@Override
	public String replaceStatement(CatalogObject desired) {
		throw new UnsupportedOperationException("A materialized view is never replaced in place");
	}

	/** Populated as declared: {@code WITH DATA} unless it says {@code WITH NO DATA}. */
	@Override
	public CatalogObject declared(CatalogObject readBack, CreateStatement head) {
		boolean populated = head.dataClause().map(DataClause::withData).orElse(true);
		Set<Trait> traits = EnumSet.noneOf(Trait.class);
		traits.addAll(readBack.traits());
		traits.remove(Trait.POPULATED);
		if (populated) {
			traits.add(Trait.POPULATED);
		}
		List<String> statements = new ArrayList<>(readBack.createStatements());
		statements.set(0, withoutData(statements.get(0)) + (populated ? WITH_DATA : WITH_NO_DATA));
		return new CatalogObject(readBack.kind(), readBack.identity(), readBack.schema(), readBack.name(),
				readBack.definition(), readBack.dropStatement(), statements, readBack.columns(), traits);
	}
}

package io.pgautogen.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.pgautogen.declaration.Declaration;
import io.pgautogen.declaration.DeclarationSource;
import io.pgautogen.declaration.PgFunction;
import io.pgautogen.declaration.PgMaterializedView;
import io.pgautogen.declaration.PgView;

/**
 * N views in chains of depth 5 over N/50 tables of 20 rows: four views, then a materialized view
 * with a unique index whose query calls {@code slow()}, a function that sleeps 5 ms per row. The
 * materialized views exist {@code WITH NO DATA} and are declared {@code WITH DATA}: a planner that
 * ran their queries would pay 100 ms per materialized view. Scenarios: in sync; the bottom view of
 * 10 % of the chains changed (same columns); 10 % of the chains dropped and as many new.
 */
final class ViewWorkload implements Workload {

	static final int DEPTH = 5;

	static final int ROWS = 20;

	private final int n;

	ViewWorkload(int n) {
		this.n = n;
	}

	@Override
	public String label() {
		return "views";
	}

	private int chains() {
		return Math.max(1, this.n / DEPTH);
	}

	private int tables() {
		return Math.max(1, this.n / 50);
	}

	@Override
	public String setup() {
		StringBuilder sql = new StringBuilder(SLOW).append(";\n");
		for (int t = 0; t < tables(); t++) {
			sql.append("CREATE TABLE t_").append(t).append(" (id int PRIMARY KEY, v text, n int);\n")
				.append("INSERT INTO t_").append(t).append(" SELECT g, 'v' || g, g FROM generate_series(1, ")
				.append(ROWS).append(") g;\n");
		}
		for (int c = 0; c < chains(); c++) {
			for (String statement : chain(c, false)) {
				sql.append(statement.replace("\n  WITH DATA", "\n  WITH NO DATA")).append(";\n");
			}
		}
		return sql.toString();
	}

	@Override
	public List<Declaration> declarations(Scenario scenario) {
		List<Declaration> declarations = new ArrayList<>();
		declarations.add(new PgFunction(SLOW, DeclarationSource.file("slow.sql", 1)));
		int chains = chains();
		int tenth = Math.max(1, chains / 10);
		for (int c = 0; c < chains + ((scenario == Scenario.DROPPED_AND_NEW) ? tenth : 0); c++) {
			if (scenario == Scenario.DROPPED_AND_NEW && c < tenth) {
				continue;
			}
			List<String> statements = chain(c, scenario == Scenario.BODIES_CHANGED && c % 10 == 0);
			for (int i = 0; i < statements.size(); i++) {
				DeclarationSource source = DeclarationSource.file("chain_" + c + ".sql", i + 1);
				String sql = statements.get(i);
				declarations.add((i < DEPTH - 1) ? new PgView(sql, source) : new PgMaterializedView(sql, source));
			}
		}
		return declarations;
	}

	/** The query of one materialized view, which planning must never run. */
	String materializedQuery() {
		String chain = chain(0, false).get(DEPTH - 1);
		return chain.substring(chain.indexOf(" AS SELECT ") + 4, chain.indexOf("\n  WITH DATA"));
	}

	int materializedViews() {
		return chains();
	}

	private List<String> chain(int c, boolean changed) {
		List<String> statements = new ArrayList<>();
		String base = "v_" + c + "_";
		statements.add("CREATE VIEW " + base + "0 AS SELECT id, v, n FROM t_" + (c % tables()) + " WHERE n >= "
				+ (changed ? 1 : 0));
		for (int d = 1; d < DEPTH - 1; d++) {
			statements.add("CREATE VIEW " + base + d + " AS SELECT id, v, n FROM " + base + (d - 1) + " WHERE n >= " + d);
		}
		String top = base + (DEPTH - 1);
		statements.add("CREATE MATERIALIZED VIEW " + top + " AS SELECT id, v, slow(n) AS s FROM " + base + (DEPTH - 2)
				+ "\n  WITH DATA");
		statements.add("CREATE UNIQUE INDEX " + top + "_id ON " + top + " (id)");
		return statements;
	}

	private static final String SLOW = "CREATE FUNCTION slow(x int) RETURNS int LANGUAGE plpgsql AS"
			+ " $$ BEGIN PERFORM pg_sleep(0.005); RETURN x; END $$";
}

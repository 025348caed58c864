package io.pgautogen.plan;

import static io.pgautogen.test.PlanningFailures.singleProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pgautogen.catalog.UnmanagedDependentsException;
import io.pgautogen.declaration.Declaration;
import io.pgautogen.declaration.DeclarationException;
import io.pgautogen.declaration.DeclarationProblem;
import io.pgautogen.declaration.DeclarationSource;
import io.pgautogen.declaration.DeclarationStatements;
import io.pgautogen.declaration.PgFunction;
import io.pgautogen.declaration.PgMaterializedView;
import io.pgautogen.declaration.PgView;
import io.pgautogen.diff.Change;
import io.pgautogen.test.Catalogs;
import io.pgautogen.test.TestDatabase;
import io.pgautogen.test.TestDatabaseExtension;

/** What the invariant suites cannot show for views: effects on data, refusals, bad input. */
@ExtendWith(TestDatabaseExtension.class)
class ViewPlanningTest {

	private static final String ORDERS = "CREATE TABLE orders (id int PRIMARY KEY, status text, total numeric)";

	private static final String TOTALS = "CREATE MATERIALIZED VIEW totals AS SELECT status, sum(total) AS total FROM orders"
			+ " GROUP BY status";

	/** A function that fails whenever it runs: a view over it shows whether its query ran. */
	private static final String BOOM = "CREATE FUNCTION boom() RETURNS int LANGUAGE plpgsql AS"
			+ " $$ BEGIN RAISE EXCEPTION 'the view''s query ran'; END $$";

	@Test
	void recreatedMaterializedViewKeepsItsUniqueIndexCommentAndDataAndRefreshesConcurrently(TestDatabase database) {
		database.execute(ORDERS, "INSERT INTO orders VALUES (1, 'open', 10), (2, 'open', 5), (3, 'closed', 7)", TOTALS,
				"CREATE UNIQUE INDEX totals_status ON totals (status)", "COMMENT ON MATERIALIZED VIEW totals IS 'per status'");

		MigrationPlan plan = plan(database, new PgMaterializedView(TOTALS.replace("sum(total)", "max(total)"),
				DeclarationSource.file("db/pgautogen/totals.sql", 1)),
				PgMaterializedView.of("CREATE UNIQUE INDEX totals_status ON totals (status)"));
		database.executeInTransaction("''", plan.upgrade());

		assertThat(plan.changes()).extracting(Change::summary)
			.containsExactly("recreate materialized-view public.totals (db/pgautogen/totals.sql:1)");
		assertThat(database.queryStrings("SELECT status || '=' || total FROM totals ORDER BY status"))
			.containsExactly("closed=7", "open=10");
		assertThat(database.queryString("SELECT obj_description('totals'::regclass, 'pg_class')")).isEqualTo("per status");
		database.execute("INSERT INTO orders VALUES (4, 'open', 30)", "REFRESH MATERIALIZED VIEW CONCURRENTLY totals");
		assertThat(database.queryString("SELECT total FROM totals WHERE status = 'open'")).isEqualTo("30");
	}

	@Test
	void materializedViewDeclaredWithNoDataIsCreatedEmpty(TestDatabase database) {
		database.execute(ORDERS);
		MigrationPlan plan = plan(database, PgMaterializedView.of(TOTALS + "\nWITH NO DATA"));
		database.executeInTransaction("''", plan.upgrade());

		assertThat(plan.upgrade()).singleElement().asString().endsWith("WITH NO DATA");
		assertThat(database.queryString("SELECT relispopulated FROM pg_class WHERE relname = 'totals'")).isEqualTo("f");
	}

	@Test
	void planningAndProvingNeverRunAViewsQuery(TestDatabase database) {
		database.execute(ORDERS, BOOM);
		Map<String, String> fingerprint = Catalogs.fingerprint(database);

		MigrationPlan plan = plan(database, PgMaterializedView.of("CREATE MATERIALIZED VIEW exploding AS SELECT boom() AS x"),
				PgView.of("CREATE VIEW exploding_too AS SELECT boom() AS x"));

		assertThat(plan.verified()).isTrue();
		assertThat(plan.changes()).extracting(Change::summary).containsExactlyInAnyOrder(
				"create materialized-view public.exploding (PgMaterializedView.of(...))",
				"create view public.exploding_too (PgView.of(...))");
		assertThat(Catalogs.fingerprint(database)).isEqualTo(fingerprint);
		assertThatThrownBy(() -> database.executeInTransaction("''", plan.upgrade()))
			.hasStackTraceContaining("the view's query ran");
	}

	@Test
	void declarationOrderDoesNotMatter(TestDatabase database) {
		database.execute(ORDERS);
		List<Declaration> declarations = List.of(
				PgView.of("CREATE VIEW top AS SELECT status FROM middle WHERE n > 1"),
				PgMaterializedView.of("CREATE UNIQUE INDEX middle_status ON middle (status)"),
				PgMaterializedView.of("CREATE MATERIALIZED VIEW middle AS SELECT status, count(*) AS n FROM bottom GROUP BY status"),
				PgView.of("CREATE VIEW bottom AS SELECT status, doubled(total) AS total FROM orders"),
				PgFunction.of("CREATE FUNCTION doubled(x numeric) RETURNS numeric LANGUAGE sql AS 'SELECT x * 2'"));
		MigrationPlan plan = plan(database, declarations);
		database.executeInTransaction("''", plan.upgrade());

		assertThat(plan.upgrade()).extracting(statement -> statement.lines().findFirst().orElseThrow()).containsExactly(
				"SET LOCAL check_function_bodies = off", "CREATE OR REPLACE FUNCTION public.doubled(x numeric)",
				"CREATE VIEW public.bottom AS", "CREATE MATERIALIZED VIEW public.middle AS",
				"CREATE UNIQUE INDEX middle_status ON public.middle USING btree (status)", "CREATE VIEW public.top AS");
		assertThat(plan(database, declarations).inSync()).isTrue();
	}

	@Test
	void functionRecreatedUnderColumnDefaultsAndCheckConstraintsIsRefusedWithTheirList(TestDatabase database) {
		database.execute(ORDERS, "CREATE FUNCTION net(v numeric) RETURNS numeric LANGUAGE sql AS 'SELECT v * 0.8'",
				"CREATE VIEW nets AS SELECT id, net(total) FROM orders",
				"CREATE TABLE prices (amount numeric DEFAULT net(100) CHECK (net(amount) > 0))");
		Map<String, String> fingerprint = Catalogs.fingerprint(database);

		UnmanagedDependentsException failure = catchThrowableOfType(UnmanagedDependentsException.class,
				() -> plan(database, PgFunction.of("CREATE FUNCTION net(v numeric) RETURNS double precision"
						+ " LANGUAGE sql AS 'SELECT (v * 0.8)::float8'")));

		assertThat(failure.dependentsByFunction().get("public.net(numeric)")).containsExactlyInAnyOrder(
				"default value for column amount of table public.prices", "constraint prices_amount_check on table public.prices");
		assertThat(Catalogs.fingerprint(database)).isEqualTo(fingerprint);
	}

	@Test
	void viewOnAMissingTableNamesItsFileLine(TestDatabase database) {
		DeclarationProblem problem = singleProblem(database, DeclarationStatements.parseScript(
				"-- reports\nCREATE VIEW report AS\n  SELECT id FROM nowhere;\n", "db/pgautogen/report.sql"));

		assertThat(problem.location()).isEqualTo("db/pgautogen/report.sql:3:18");
		assertThat(problem.sqlState()).isEqualTo("42P01");
		assertThat(problem.message()).isEqualTo("relation \"nowhere\" does not exist");
	}

	@Test
	void viewThatDoesNotParseNamesItsBean(TestDatabase database) {
		database.execute(ORDERS);
		DeclarationProblem problem = singleProblem(database,
				List.of(new PgView("CREATE VIEW report AS SELEC id FROM orders", DeclarationSource.bean("report"))));

		assertThat(problem.location()).startsWith("bean 'report'");
		assertThat(problem.sqlState()).isEqualTo("42601");
	}

	@Test
	void selectInAFileIsRejectedWithItsLine() {
		assertThatThrownBy(() -> DeclarationStatements.parseScript("CREATE VIEW v AS SELECT 1;\nSELECT 1;\n",
				"db/pgautogen/v.sql"))
			.isInstanceOfSatisfying(DeclarationException.class, failure -> assertThat(failure.problems())
				.singleElement()
				.satisfies(problem -> assertThat(problem.location()).isEqualTo("db/pgautogen/v.sql:2")));
	}

	@Test
	void twoDeclarationsOfOneViewNameBoth(TestDatabase database) {
		database.execute(ORDERS);
		DeclarationProblem problem = singleProblem(database, List.of(
				new PgView("CREATE VIEW report AS SELECT id FROM orders", DeclarationSource.bean("first")),
				new PgView("CREATE VIEW public.report AS SELECT id FROM orders", DeclarationSource.bean("second"))));

		assertThat(problem.location()).isEqualTo("bean 'second'");
		assertThat(problem.message()).isEqualTo("defines public.report, which bean 'first' defines too");
	}

	@Test
	void twoDeclarationsOfOneMaterializedViewNameBoth(TestDatabase database) {
		database.execute(ORDERS);
		DeclarationProblem problem = singleProblem(database, List.of(
				new PgMaterializedView(TOTALS, DeclarationSource.bean("first")),
				new PgMaterializedView(TOTALS, DeclarationSource.bean("second"))));

		assertThat(problem.message()).contains("public.totals").contains("defines too");
	}

	@Test
	void indexOnATableIsRefused(TestDatabase database) {
		database.execute(ORDERS);
		DeclarationProblem problem = singleProblem(database, List.of(
				new PgMaterializedView("CREATE INDEX orders_status ON orders (status)", DeclarationSource.bean("index"))));

		assertThat(problem.location()).isEqualTo("bean 'index'");
		assertThat(problem.message()).isEqualTo("creates index orders_status on public.orders, which is not a declared"
				+ " materialized view");
	}

	private static MigrationPlan plan(TestDatabase database, Declaration... declarations) {
		return new Planner(PlannerSettings.defaults()).plan(database.dataSource(), List.of(declarations));
	}

	private static MigrationPlan plan(TestDatabase database, List<Declaration> declarations) {
		return new Planner(PlannerSettings.defaults()).plan(database.dataSource(), declarations);
	}
}

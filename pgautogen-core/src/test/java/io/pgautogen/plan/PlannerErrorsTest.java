package io.pgautogen.plan;

import static io.pgautogen.test.PlanningFailures.assertUnchanged;
import static io.pgautogen.test.PlanningFailures.singleProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.UnmanagedDependentsException;
import io.pgautogen.declaration.Declaration;
import io.pgautogen.declaration.DeclarationException;
import io.pgautogen.declaration.DeclarationProblem;
import io.pgautogen.declaration.DeclarationSource;
import io.pgautogen.declaration.DeclarationStatements;
import io.pgautogen.declaration.PgFunction;
import io.pgautogen.declaration.PgTrigger;
import io.pgautogen.test.Catalogs;
import io.pgautogen.test.PlanningFailures;
import io.pgautogen.test.TestDatabase;
import io.pgautogen.test.TestDatabaseExtension;

@ExtendWith(TestDatabaseExtension.class)
class PlannerErrorsTest {

	private static final String SETUP_TABLE = "CREATE TABLE orders (id int PRIMARY KEY, total numeric)";

	private static final String AUDIT = "CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$";

	@Test
	void syntaxErrorNamesFileLineAndColumnAndLeavesTheDatabaseAsItWas(TestDatabase database) {
		database.execute(SETUP_TABLE, AUDIT);
		List<Declaration> declarations = DeclarationStatements.parseScript("""
				-- audit functions
				CREATE FUNCTION ok() RETURNS int LANGUAGE sql AS 'SELECT 1';

				CREATE FUNCTION broken() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				  RETRUN NEW;
				END
				$$;
				""", "db/pgautogen/audit.sql");

		DeclarationProblem problem = singleProblem(database, declarations);

		assertThat(problem.location()).isEqualTo("db/pgautogen/audit.sql:6:3");
		assertThat(problem.sqlState()).isEqualTo("42601");
		assertThat(problem.message()).contains("syntax error at or near \"RETRUN\"");
		assertThat(problem.excerpt()).isEqualTo("  RETRUN NEW;\n  ^");
		assertThat(problem.action()).contains("Fix the syntax");
	}

	@Test
	void triggerOnMissingTableIsReportedWithPostgresMessageAndSqlState(TestDatabase database) {
		database.execute(AUDIT);
		DeclarationProblem problem = singleProblem(database, List.of(new PgTrigger(
				"CREATE TRIGGER t AFTER INSERT ON missing_table FOR EACH ROW EXECUTE FUNCTION audit()",
				DeclarationSource.bean("missingTableTrigger"))));

		assertThat(problem.location()).isEqualTo("bean 'missingTableTrigger'");
		assertThat(problem.sqlState()).isEqualTo("42P01");
		assertThat(problem.message()).isEqualTo("relation \"missing_table\" does not exist");
		assertThat(problem.action()).contains("create the table in a Flyway/Liquibase migration");
	}

	@Test
	void missingTriggerFunctionIsReported(TestDatabase database) {
		database.execute(SETUP_TABLE);
		DeclarationProblem problem = singleProblem(database, List.of(new PgTrigger(
				"CREATE TRIGGER t AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION nowhere()",
				DeclarationSource.file("db/pgautogen/t.sql", 4))));

		assertThat(problem.location()).startsWith("db/pgautogen/t.sql:4");
		assertThat(problem.sqlState()).isEqualTo("42883");
		assertThat(problem.message()).contains("function nowhere() does not exist");
	}

	@Test
	void everyFailingDeclarationIsReportedAtOnce(TestDatabase database) {
		DeclarationException failure = plannerFailure(database, List.of(
				PgFunction.of("CREATE FUNCTION a() RETURNS int LANGUAGE sql AS 'SELECT * FROM nope'"),
				PgFunction.of("CREATE FUNCTION b() RETURNS int LANGUAGE sql AS 'SELECT 1'"),
				PgFunction.of("CREATE FUNCTION c() RETURNS int LANGUAGE plpgsql AS 'BEGIN RETURN; END'")));

		assertThat(failure.problems()).extracting(DeclarationProblem::sqlState).containsExactly("42P01", "42601");
	}

	@Test
	void twoDeclarationsOfOneFunctionNameBothSources(TestDatabase database) {
		DeclarationException failure = plannerFailure(database, List.of(
				new PgFunction("CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT a'",
						DeclarationSource.file("db/pgautogen/one.sql", 1)),
				new PgFunction("CREATE FUNCTION g() RETURNS int LANGUAGE sql AS 'SELECT 1'",
						DeclarationSource.bean("g")),
				new PgFunction("CREATE FUNCTION f(b integer) RETURNS int LANGUAGE sql AS 'SELECT b + 1'",
						DeclarationSource.file("db/pgautogen/two.sql", 7))));

		assertThat(failure.problems()).singleElement().satisfies(problem -> {
			assertThat(problem.location()).isEqualTo("db/pgautogen/two.sql:7");
			assertThat(problem.message()).isEqualTo("defines public.f(integer), which db/pgautogen/one.sql:1 defines too");
		});
	}

	@Test
	void twoDeclarationsOfOneTriggerNameBothSources(TestDatabase database) {
		database.execute(SETUP_TABLE);
		DeclarationException failure = plannerFailure(database, List.of(PgFunction.of(AUDIT),
				new PgTrigger("CREATE TRIGGER t AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit()",
						DeclarationSource.bean("first")),
				new PgTrigger("CREATE TRIGGER t AFTER UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit()",
						DeclarationSource.bean("second"))));

		assertThat(failure.problems()).singleElement()
			.extracting(DeclarationProblem::message)
			.isEqualTo("defines public.orders.t, which bean 'first' defines too");
	}

	@Test
	void declarationOutsideTheInspectedSchemasIsRejected(TestDatabase database) {
		database.execute("CREATE SCHEMA app");
		DeclarationException failure = plannerFailure(database, PlannerSettings.defaults().withSchemas(List.of("app")),
				List.of(PgFunction.of("CREATE FUNCTION public.stray() RETURNS int LANGUAGE sql AS 'SELECT 1'")));

		assertThat(failure.problems()).singleElement().satisfies(problem -> {
			assertThat(problem.message()).contains("public.stray()", "schema 'public'", "[app]");
			assertThat(problem.action()).contains("spring.pgautogen.schemas");
		});
	}

	@Test
	void declarationMatchingAnExclusionIsRejected(TestDatabase database) {
		DeclarationException failure = plannerFailure(database,
				PlannerSettings.defaults().withExclude(List.of("public.legacy_*")),
				List.of(PgFunction.of("CREATE FUNCTION legacy_x() RETURNS int LANGUAGE sql AS 'SELECT 1'")));

		assertThat(failure.problems()).singleElement()
			.extracting(DeclarationProblem::message)
			.isEqualTo("defines public.legacy_x(), which matches the exclusion pattern 'public.legacy_*'");
	}

	@Test
	void scriptStatementsOtherThanFunctionsAndTriggersAreRejectedWithTheirLine() {
		assertThatThrownBy(() -> DeclarationStatements.parseScript(
				"CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n\nCREATE TABLE t (id int);\n",
				"db/pgautogen/mixed.sql"))
			.isInstanceOfSatisfying(DeclarationException.class, failure -> assertThat(failure.problems())
				.singleElement()
				.satisfies(problem -> {
					assertThat(problem.location()).isEqualTo("db/pgautogen/mixed.sql:3");
					assertThat(problem.message()).contains("'CREATE TABLE t (id int)' is not a function, procedure, view,"
							+ " materialized view, index or trigger definition");
				}));
	}

	@Test
	void declarationOfTheWrongKindIsRejectedBeforeTouchingTheDatabase() {
		DataSource unreachable = unreachableDataSource();
		assertThatThrownBy(() -> new Planner(PlannerSettings.defaults()).plan(unreachable,
				List.of(new PgFunction("CREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW EXECUTE FUNCTION f()",
						DeclarationSource.bean("wrongKind")))))
			.isInstanceOf(DeclarationException.class)
			.hasMessageContaining("bean 'wrongKind'")
			.hasMessageContaining("Declare it as a PgTrigger instead");
	}

	@Test
	void nothingDeclaredAndNothingManagedNeverConnects() {
		MigrationPlan plan = new Planner(PlannerSettings.defaults()).plan(unreachableDataSource(), List.of());
		assertThat(plan.inSync()).isTrue();
		assertThat(plan.managedKinds()).isEmpty();
	}

	@Test
	void recreatingAFunctionAColumnDefaultUsesFailsAndListsItButNotTheView(TestDatabase database) {
		database.execute(SETUP_TABLE, "CREATE FUNCTION net(v numeric) RETURNS numeric LANGUAGE sql AS 'SELECT v * 0.8'",
				"CREATE VIEW order_nets AS SELECT id, net(total) FROM orders",
				"CREATE TABLE prices (amount numeric DEFAULT net(100))");
		Map<String, String> fingerprint = Catalogs.fingerprint(database);

		UnmanagedDependentsException failure = catchThrowableOfType(UnmanagedDependentsException.class,
				() -> new Planner(PlannerSettings.defaults()).plan(database.dataSource(), List.of(PgFunction.of(
						"CREATE FUNCTION net(v numeric) RETURNS double precision LANGUAGE sql AS 'SELECT (v * 0.8)::float8'"))));

		assertThat(failure.dependentsByFunction()).containsOnlyKeys("public.net(numeric)");
		assertThat(failure.dependentsByFunction().get("public.net(numeric)"))
			.containsExactly("default value for column amount of table public.prices");
		assertThat(failure).hasMessageContaining("CREATE OR REPLACE");
		assertUnchanged(database, fingerprint);
	}

	@Test
	void droppingAFunctionAnUnmanagedViewUsesFailsAndListsTheView(TestDatabase database) {
		database.execute(SETUP_TABLE, "CREATE FUNCTION net(v numeric) RETURNS numeric LANGUAGE sql AS 'SELECT v * 0.8'",
				"CREATE VIEW order_nets AS SELECT id, net(total) FROM orders");

		assertThatThrownBy(() -> new Planner(PlannerSettings.defaults().withManage(Set.of(ObjectKind.FUNCTION)))
			.plan(database.dataSource(), List.of()))
			.isInstanceOf(UnmanagedDependentsException.class)
			.hasMessageContaining("public.net(numeric) is used by:\n    - view public.order_nets, which pgautogen does not"
					+ " manage: views are not managed");
	}

	@Test
	void droppingAFunctionAnUnmanagedTriggerUsesFails(TestDatabase database) {
		database.execute(SETUP_TABLE, AUDIT,
				"CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit()");

		assertThatThrownBy(() -> new Planner(PlannerSettings.defaults()).plan(database.dataSource(),
				List.of(PgFunction.of("CREATE FUNCTION other() RETURNS int LANGUAGE sql AS 'SELECT 1'"))))
			.isInstanceOf(UnmanagedDependentsException.class)
			.hasMessageContaining("trigger public.orders.orders_audit, which pgautogen does not manage: triggers are not"
					+ " managed (declare them, or add 'triggers' to spring.pgautogen.manage)");
	}

	@Test
	void declaredTriggerUsingAnUndeclaredFunctionThatWouldBeDroppedIsRejected(TestDatabase database) {
		database.execute(SETUP_TABLE, AUDIT);
		DeclarationException failure = plannerFailure(database,
				PlannerSettings.defaults().withManage(Set.of(ObjectKind.FUNCTION)),
				List.of(new PgTrigger("CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit()",
						DeclarationSource.bean("ordersAudit"))));

		assertThat(failure.problems()).singleElement().satisfies(problem -> {
			assertThat(problem.location()).isEqualTo("bean 'ordersAudit'");
			assertThat(problem.message()).isEqualTo(
					"public.orders.orders_audit uses public.audit(), which is not declared and would be dropped");
		});
	}

	@Test
	void planningInsideTheCallersTransactionKeepsTheCallersWork(TestDatabase database) throws SQLException {
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.execute("CREATE TABLE mine (id int)");
			MigrationPlan plan = new Planner(PlannerSettings.defaults()).plan(connection,
					List.of(PgFunction.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT count(*)::int FROM mine'")));
			assertThat(plan.changes()).hasSize(1);
			statement.execute("INSERT INTO mine VALUES (1)");
			connection.commit();
		}
		assertThat(database.queryString("SELECT count(*) FROM mine")).isEqualTo("1");
		assertThat(database.queryStrings("SELECT proname FROM pg_proc WHERE proname = 'f'")).isEmpty();
	}

	private static DeclarationException plannerFailure(TestDatabase database, List<Declaration> declarations) {
		return PlanningFailures.failure(database, PlannerSettings.defaults(), declarations);
	}

	private static DeclarationException plannerFailure(TestDatabase database, PlannerSettings settings,
			List<Declaration> declarations) {
		return PlanningFailures.failure(database, settings, declarations);
	}

	private static DataSource unreachableDataSource() {
		org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
		dataSource.setURL("jdbc:postgresql://127.0.0.1:1/never?connectTimeout=1");
		return dataSource;
	}
}

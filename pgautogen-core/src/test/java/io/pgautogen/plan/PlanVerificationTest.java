package io.pgautogen.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.pgautogen.declaration.PgFunction;
import io.pgautogen.test.Catalogs;
import io.pgautogen.test.TestDatabase;
import io.pgautogen.test.TestDatabaseExtension;
import io.pgautogen.writer.FlywayMigrationWriter;

/** Plans are proven before they are returned, and a plan that does not hold is never written. */
@ExtendWith(TestDatabaseExtension.class)
class PlanVerificationTest {

	private static final List<PgFunction> DECLARATIONS = List.of(
			PgFunction.of("CREATE FUNCTION total(a int, b int) RETURNS bigint LANGUAGE sql AS 'SELECT a + b'"),
			PgFunction.of("CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42'"));

	@TempDir
	Path migrations;

	@Test
	void aPlanWithChangesIsProvenAndAnEmptyOneNeedsNoProof(TestDatabase database) {
		database.execute("CREATE FUNCTION total(a int, b int) RETURNS int LANGUAGE sql AS 'SELECT a + b'",
				"GRANT EXECUTE ON FUNCTION total(int, int) TO PUBLIC", "COMMENT ON FUNCTION total(int, int) IS 'sum'");

		MigrationPlan plan = new Planner(PlannerSettings.defaults()).plan(database.dataSource(), DECLARATIONS);
		MigrationPlan unproven = new Planner(PlannerSettings.defaults()).withVerification(false)
			.plan(database.dataSource(), DECLARATIONS);

		assertThat(plan.verified()).isTrue();
		assertThat(unproven.verified()).isFalse();
		assertThat(plan.upgrade()).isEqualTo(unproven.upgrade());
		database.executeInTransaction("''", plan.upgrade());
		assertThat(new Planner(PlannerSettings.defaults()).plan(database.dataSource(), DECLARATIONS).verified()).isTrue();
	}

	@Test
	void anUpgradeThatMissesAChangeIsCaughtAndNothingIsWritten(TestDatabase database) {
		assertBroken(database, plan -> withUpgrade(plan, plan.upgrade().subList(0, plan.upgrade().size() - 1)),
				"after its upgrade, planning again still finds 1 change(s): create public.");
	}

	@Test
	void aDowngradeThatDoesNotRestoreTheStartIsCaught(TestDatabase database) {
		database.execute("CREATE FUNCTION total(a int, b int) RETURNS int LANGUAGE sql AS 'SELECT a + b'",
				"COMMENT ON FUNCTION total(int, int) IS 'sum'");
		assertBroken(database, plan -> {
			List<String> downgrade = new ArrayList<>(plan.downgrade());
			downgrade.removeIf(statement -> statement.startsWith("COMMENT ON"));
			return withDowngrade(plan, downgrade);
		}, "public.total(integer,integer) is not the same after the downgrade");
	}

	@Test
	void anUpgradeThatFailsIsCaught(TestDatabase database) {
		assertBroken(database, plan -> withUpgrade(plan, List.of("CREATE FUNCTION broken( RETURNS int")),
				"its upgrade fails at statement 1 of 1, CREATE FUNCTION broken( RETURNS int: ERROR: syntax error");
	}

	private void assertBroken(TestDatabase database, UnaryOperator<MigrationPlan> breakIt, String expected) {
		Map<String, String> before = Catalogs.fingerprint(database);
		Planner planner = new Planner(PlannerSettings.defaults()).withHookBeforeVerification(breakIt);

		PlanVerificationException failure = catchThrowableOfType(PlanVerificationException.class, () -> {
			MigrationPlan plan = planner.plan(database.dataSource(), DECLARATIONS);
			new FlywayMigrationWriter(this.migrations).write(plan, "never");
		});

		assertThat(failure.getMessage()).contains(expected).contains("Nothing was changed");
		assertThat(this.migrations).isEmptyDirectory();
		assertThat(Catalogs.fingerprint(database)).isEqualTo(before);
		assertThat(Files.exists(this.migrations)).isTrue();
	}

	private static MigrationPlan withUpgrade(MigrationPlan plan, List<String> upgrade) {
		return new MigrationPlan(plan.server(), plan.schemas(), plan.managedKinds(), plan.changes(), upgrade,
				plan.downgrade(), plan.timings());
	}

	private static MigrationPlan withDowngrade(MigrationPlan plan, List<String> downgrade) {
		return new MigrationPlan(plan.server(), plan.schemas(), plan.managedKinds(), plan.changes(), plan.upgrade(),
				downgrade, plan.timings());
	}
}

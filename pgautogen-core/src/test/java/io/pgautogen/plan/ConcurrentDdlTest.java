package io.pgautogen.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pgautogen.declaration.Declaration;
import io.pgautogen.declaration.PgFunction;
import io.pgautogen.declaration.PgTrigger;
import io.pgautogen.diff.Change;
import io.pgautogen.test.TestDatabase;
import io.pgautogen.test.TestDatabaseExtension;

/** Planning while another session changes the managed objects. */
@ExtendWith(TestDatabaseExtension.class)
class ConcurrentDdlTest {

	private static final String AUDIT = "CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$";

	@Test
	void anObjectDroppedWhilePlanningWaitsIsReadAgainNotACrash(TestDatabase database) throws Exception {
		database.execute("CREATE TABLE orders (id int)", "CREATE FUNCTION gone(int) RETURNS int LANGUAGE sql AS 'SELECT 1'");
		List<Declaration> declarations = List.of(PgFunction.of(AUDIT),
				PgTrigger.of("CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit()"));
		Planner planner = new Planner(PlannerSettings.defaults().withLockTimeout(Duration.ofSeconds(5)));
		MigrationPlan plan;
		try (Connection locker = database.connect(); Statement lock = locker.createStatement()) {
			locker.setAutoCommit(false);
			// Planning reads gone(int), then waits for orders; meanwhile gone(int) is dropped.
			lock.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
			Thread dropper = new Thread(() -> {
				sleep(400);
				database.execute("DROP FUNCTION gone(int)");
				sleep(400);
				try {
					locker.rollback();
				}
				catch (java.sql.SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			dropper.start();
			plan = planner.plan(database.dataSource(), declarations);
			dropper.join();
		}

		assertThat(plan.changes()).extracting(Change::identity)
			.containsExactlyInAnyOrder("public.audit()", "public.orders.orders_audit");
		assertThat(plan.verified()).isTrue();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}

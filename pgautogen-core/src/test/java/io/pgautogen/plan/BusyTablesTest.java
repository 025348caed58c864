package io.pgautogen.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pgautogen.declaration.Declaration;
import io.pgautogen.declaration.DeclarationSource;
import io.pgautogen.declaration.PgFunction;
import io.pgautogen.declaration.PgTrigger;
import io.pgautogen.test.Catalogs;
import io.pgautogen.test.TestDatabase;
import io.pgautogen.test.TestDatabaseExtension;

/**
 * Planning against a live database whose table is held by a long transaction while other sessions
 * keep writing to it: the writers are never held up longer than one lock timeout, and planning
 * reports the busy table and who holds it, not an invalid declaration.
 */
@ExtendWith(TestDatabaseExtension.class)
class BusyTablesTest {

	private static final String AUDIT = "CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$";

	private static final List<Declaration> DECLARATIONS = List.of(PgFunction.of(AUDIT), new PgTrigger(
			"CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit()",
			DeclarationSource.bean("ordersAudit")));

	@Test
	void writersWaitNoLongerThanOneLockTimeoutAndTheBusyTableIsNamedWithItsHolder(TestDatabase database)
			throws Exception {
		database.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, total numeric)", AUDIT);
		Map<String, String> fingerprint = Catalogs.fingerprint(database);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		AtomicBoolean writing = new AtomicBoolean(true);
		try (Connection longWriter = database.connect(); Statement statement = longWriter.createStatement()) {
			statement.execute("SET application_name = 'nightly-import'");
			longWriter.setAutoCommit(false);
			statement.execute("INSERT INTO orders (total) VALUES (1)");
			Future<Long> slowestInsert = executor.submit(() -> insertEvery20ms(database, writing));
			Thread.sleep(200);

			long start = System.nanoTime();
			BusyTableException busy = catchThrowableOfType(BusyTableException.class,
					() -> new Planner(PlannerSettings.defaults()).plan(database.dataSource(), DECLARATIONS));
			Duration planning = Duration.ofNanos(System.nanoTime() - start);
			writing.set(false);
			long slowest = slowestInsert.get(30, TimeUnit.SECONDS);

			assertThat(busy.objects()).containsExactly("orders");
			assertThat(busy.getMessage()).contains("Planning could not lock orders", "tried 4 times",
					"at most 100 ms each time", "orders: pid", "application nightly-import",
					"INSERT INTO orders (total) VALUES (1)", "The declarations are fine");
			assertThat(planning).isLessThan(Duration.ofSeconds(5));
			assertThat(Duration.ofNanos(slowest)).as("slowest insert while planning").isLessThan(Duration.ofMillis(600));
			longWriter.rollback();
		}
		finally {
			writing.set(false);
			executor.shutdownNow();
		}
		assertThat(Catalogs.fingerprint(database)).isEqualTo(fingerprint);
	}

	@Test
	void aSubMillisecondLockTimeoutIsRoundedUpNotTurnedOff(TestDatabase database) throws Exception {
		database.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, total numeric)", AUDIT);
		try (Connection holder = database.connect(); Statement statement = holder.createStatement()) {
			holder.setAutoCommit(false);
			statement.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
			Thread release = releaseAfter(holder, 8000);
			Planner planner = new Planner(PlannerSettings.defaults().withLockTimeout(Duration.ofNanos(500_000)));

			// 0 ms would mean "no timeout": planning would wait for the holder and then succeed.
			BusyTableException busy = catchThrowableOfType(BusyTableException.class,
					() -> planner.plan(database.dataSource(), DECLARATIONS));

			assertThat(busy).hasMessageContaining("waiting at most 1 ms");
			release.interrupt();
			holder.rollback();
		}
	}

	@Test
	void aTableFreedWhilePlanningWaitsIsPlannedOnTheNextAttempt(TestDatabase database) throws Exception {
		database.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, total numeric)", AUDIT);
		try (Connection holder = database.connect(); Statement statement = holder.createStatement()) {
			holder.setAutoCommit(false);
			statement.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
			Thread release = releaseAfter(holder, 300);
			MigrationPlan plan = new Planner(PlannerSettings.defaults()).plan(database.dataSource(), DECLARATIONS);
			release.join();

			assertThat(plan.changes()).extracting(change -> change.identity()).containsExactly("public.orders.orders_audit");
		}
	}

	/** Rolls back the holder's transaction, and so frees its locks, after {@code millis}. */
	private static Thread releaseAfter(Connection holder, long millis) {
		Thread release = new Thread(() -> {
			try {
				Thread.sleep(millis);
				holder.rollback();
			}
			catch (InterruptedException | SQLException ex) {
				// interrupted: the test has released the lock itself
			}
		});
		release.start();
		return release;
	}

	private static long insertEvery20ms(TestDatabase database, AtomicBoolean writing) throws Exception {
		long slowest = 0;
		try (Connection writer = database.connect(); Statement statement = writer.createStatement()) {
			while (writing.get()) {
				long start = System.nanoTime();
				statement.execute("INSERT INTO orders (total) VALUES (2)");
				slowest = Math.max(slowest, System.nanoTime() - start);
				Thread.sleep(20);
			}
		}
		return slowest;
	}
}

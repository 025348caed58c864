package io.pgautogen.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pgautogen.declaration.DeclarationException;
import io.pgautogen.declaration.PgFunction;
import io.pgautogen.declaration.PgTrigger;
import io.pgautogen.diff.Change;
import io.pgautogen.test.TestDatabase;
import io.pgautogen.test.TestDatabaseExtension;

/** What the connection planning gets, and where declarations put their objects, is said plainly. */
@ExtendWith(TestDatabaseExtension.class)
class PlanningEnvironmentTest {

	@Test
	void functionsInTemporaryOrSystemSchemasAreRefusedByName(TestDatabase database) {
		for (String schema : List.of("pg_temp", "pg_catalog")) {
			DeclarationException refused = catchThrowableOfType(DeclarationException.class,
					() -> new Planner(PlannerSettings.defaults()).plan(database.dataSource(),
							List.of(PgFunction.of("CREATE FUNCTION " + schema + ".f() RETURNS int LANGUAGE sql AS 'SELECT 1'"))));

			assertThat(refused.problems()).singleElement().satisfies(problem -> {
				assertThat(problem.message()).contains("schema '" + schema + "'");
				assertThat(problem.action()).contains("spring.pgautogen.schemas");
			});
		}
	}

	@Test
	void aReadOnlyConnectionIsSaidToBeOne(TestDatabase database) {
		database.execute("ALTER DATABASE " + database.name() + " SET default_transaction_read_only = on");

		PlanningException failure = catchThrowableOfType(PlanningException.class,
				() -> new Planner(PlannerSettings.defaults()).plan(database.dataSource(),
						List.of(PgFunction.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'"))));

		assertThat(failure).hasMessageContaining("read-only connection (default_transaction_read_only is on)")
			.hasMessageContaining("plan against the primary");
	}

	@Test
	void aPooledConnectionWithoutAutoCommitStillPlansOnOneSnapshot(TestDatabase database) throws Exception {
		database.execute("CREATE TABLE orders (id int)",
				"CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$");
		DataSource noAutoCommit = new NoAutoCommit(database.dataSource());
		MigrationPlan plan;
		try (Connection locker = database.connect(); Statement lock = locker.createStatement()) {
			locker.setAutoCommit(false);
			// Planning waits for orders; meanwhile another session creates a function in the same schema.
			lock.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
			Thread intruder = new Thread(() -> {
				sleep(400);
				database.execute("CREATE FUNCTION intruder() RETURNS int LANGUAGE sql AS 'SELECT 1'");
				sleep(300);
				try {
					locker.rollback();
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			});
			intruder.start();
			plan = new Planner(PlannerSettings.defaults().withLockTimeout(Duration.ofSeconds(5))).plan(noAutoCommit,
					List.of(PgTrigger.of("CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit()")));
			intruder.join();
		}

		assertThat(plan.changes()).extracting(Change::identity).containsExactly("public.orders.orders_audit");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A pool configured with {@code auto-commit=false}, as Hikari can be. */
	private record NoAutoCommit(DataSource delegate) implements DataSource {

		@Override
		public Connection getConnection() throws SQLException {
			Connection connection = this.delegate.getConnection();
			connection.setAutoCommit(false);
			return connection;
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			throw new UnsupportedOperationException();
		}

		@Override
		public PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		@Override
		public Logger getParentLogger() {
			return Logger.getGlobal();
		}

		@Override
		public <T> T unwrap(Class<T> type) throws SQLException {
			return this.delegate.unwrap(type);
		}

		@Override
		public boolean isWrapperFor(Class<?> type) throws SQLException {
			return this.delegate.isWrapperFor(type);
		}
	}
}

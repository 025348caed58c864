package io.pgautogen.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The transaction a plan is made in, always rolled back. On a connection in auto-commit mode, or one
 * pgautogen took from a data source, it is a transaction of its own (repeatable read, so that every
 * read sees one snapshot); on a connection the caller keeps a transaction open on, it is a savepoint
 * inside it, so the caller's work is kept (and the caller's isolation level applies).
 * Lock and statement timeouts, and the parallel-query setting, are transaction-local.
 */
final class PlanningTransaction implements AutoCloseable {

	private static final String SAVEPOINT = "pgautogen_plan";

	private final Connection connection;

	private final boolean ownTransaction;

	private final boolean autoCommit;

	private final int isolation;

	private PlanningTransaction(Connection connection, boolean ownTransaction, boolean autoCommit, int isolation) {
		this.connection = connection;
		this.ownTransaction = ownTransaction;
		this.autoCommit = autoCommit;
		this.isolation = isolation;
	}

	/**
	 * @param owned whether the connection is pgautogen's own (taken from a data source), so that no
	 * caller's transaction can be open on it even when it is not in auto-commit mode
	 */
	static PlanningTransaction begin(Connection connection, boolean owned, Duration lockTimeout,
			Duration statementTimeout) throws SQLException {
		PlanningTransaction transaction;
		boolean autoCommit = connection.getAutoCommit();
		if (autoCommit || owned) {
			// Every read of the plan must see one snapshot: a concurrent CREATE seen half-way would
			// be taken for one of the declarations.
			int isolation = connection.getTransactionIsolation();
			if (!autoCommit) {
				connection.rollback();
			}
			connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
			connection.setAutoCommit(false);
			transaction = new PlanningTransaction(connection, true, autoCommit, isolation);
		}
		else {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SAVEPOINT " + SAVEPOINT);
			}
			transaction = new PlanningTransaction(connection, false, false, connection.getTransactionIsolation());
		}
		// Catalog queries are small: starting parallel workers for them costs more than it saves.
		// Declarations are scanned with standard-conforming strings; the server must read them the same way.
		try (PreparedStatement ps = connection.prepareStatement("SELECT pg_catalog.set_config('lock_timeout', ?, true),"
				+ " pg_catalog.set_config('statement_timeout', ?, true),"
				+ " pg_catalog.set_config('max_parallel_workers_per_gather', '0', true),"
				+ " pg_catalog.set_config('standard_conforming_strings', 'on', true)")) {
			ps.setString(1, roundedUpMillis(lockTimeout) + "ms");
			ps.setString(2, roundedUpMillis(statementTimeout) + "ms");
			ps.execute();
		}
		catch (SQLException ex) {
			transaction.close();
			throw ex;
		}
		try {
			requireWritable(connection);
		}
		catch (RuntimeException ex) {
			transaction.close();
			throw ex;
		}
		return transaction;
	}

	/**
	 * Planning runs the declarations (and rolls them back), which a read-only transaction refuses: say
	 * so, instead of reporting every declaration as invalid.
	 */
	private static void requireWritable(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(
						"SELECT pg_catalog.pg_is_in_recovery(), pg_catalog.current_setting('transaction_read_only')::boolean")) {
			rs.next();
			if (rs.getBoolean(1) || rs.getBoolean(2)) {
				throw new PlanningException("Cannot plan on a read-only " + (rs.getBoolean(1)
						? "server (a hot standby): " : "connection (default_transaction_read_only is on): ")
						+ "planning runs the declarations in a transaction that is rolled back, and a read-only"
						+ " transaction refuses to run them. What to do: plan against the primary, with a role whose"
						+ " transactions are read-write. Nothing was changed.");
			}
		}
	}

	/** PostgreSQL counts milliseconds and reads 0 as "no timeout": 500 µs must not become that. */
	static long roundedUpMillis(Duration timeout) {
		return (timeout.toNanos() + 999_999) / 1_000_000;
	}

	@Override
	public void close() throws SQLException {
		if (this.ownTransaction) {
			try {
				this.connection.rollback();
			}
			finally {
				this.connection.setTransactionIsolation(this.isolation);
				this.connection.setAutoCommit(this.autoCommit);
			}
		}
		else {
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT);
				statement.execute("RELEASE SAVEPOINT " + SAVEPOINT);
			}
		}
	}
}

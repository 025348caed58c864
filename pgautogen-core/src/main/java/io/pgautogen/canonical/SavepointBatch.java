package io.pgautogen.canonical;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * Runs statements each under its own savepoint, pipelined in JDBC batches: one round trip carries
 * them all, and a failing statement undoes only itself. pgjdbc reports a failed batch without saying
 * which entry failed, so every statement is followed by a transaction-local marker
 * ({@code SET LOCAL pgautogen.progress}) that tells how far the batch got; after a failure the run
 * resumes with the next statement.
 */
final class SavepointBatch {

	private static final String SAVEPOINT = "pgautogen_statement";

	private final Connection connection;

	SavepointBatch(Connection connection) {
		this.connection = connection;
	}

	/**
	 * Runs {@code statements} in order.
	 * @return for each statement, {@code null} when it succeeded or the exception it failed with
	 */
	List<SQLException> run(List<String> statements) throws SQLException {
		SQLException[] failures = new SQLException[statements.size()];
		int next = 0;
		while (next < statements.size()) {
			try (Statement batch = this.connection.createStatement()) {
				batch.setEscapeProcessing(false);
				batch.addBatch(progress(next - 1));
				for (int i = next; i < statements.size(); i++) {
					batch.addBatch("SAVEPOINT " + SAVEPOINT);
					batch.addBatch(statements.get(i));
					batch.addBatch("RELEASE SAVEPOINT " + SAVEPOINT);
					batch.addBatch(progress(i));
				}
				batch.executeBatch();
				next = statements.size();
			}
			catch (BatchUpdateException ex) {
				int failed = recover(ex) + 1;
				failures[failed] = serverError(ex);
				next = failed + 1;
			}
		}
		return Arrays.asList(failures);
	}

	/** Rolls back the failed statement and returns the index of the last one that succeeded. */
	private int recover(BatchUpdateException failure) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT);
			statement.execute("RELEASE SAVEPOINT " + SAVEPOINT);
			try (ResultSet rs = statement.executeQuery("SELECT pg_catalog.current_setting('pgautogen.progress')::int")) {
				rs.next();
				return rs.getInt(1);
			}
		}
		catch (SQLException ex) {
			ex.addSuppressed(failure);
			throw ex;
		}
	}

	private static String progress(int index) {
		return "SET LOCAL pgautogen.progress = '" + index + "'";
	}

	private static SQLException serverError(BatchUpdateException ex) {
		SQLException next = ex.getNextException();
		return (next != null) ? next : ex;
	}
}

package io.pgautogen.canonical;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.pgautogen.canonical.PlannedStatement.Sequence;
import io.pgautogen.catalog.ObjectKind;

/**
 * Runs the sandbox's statements so that their order does not matter: each in a subtransaction, in
 * rounds, retrying those that named an object not created yet.
 */
final class StatementRounds {

	private final Connection connection;

	private final SavepointBatch batch;

	StatementRounds(Connection connection) {
		this.connection = connection;
		this.batch = new SavepointBatch(connection);
	}

	/**
	 * Runs the statements, each in a subtransaction, in rounds: a statement that names an object not
	 * created yet is retried in the next round, as long as a round makes progress.
	 */
	void run(List<PlannedStatement> statements) throws SQLException {
		Sequence sequence = new Sequence();
		execute("SET LOCAL check_function_bodies = on");
		List<PlannedStatement> pending = statements;
		boolean uncheckedTried = false;
		while (!pending.isEmpty()) {
			List<SQLException> outcomes = this.batch.run(sqlOf(pending));
			List<PlannedStatement> deferred = new ArrayList<>();
			boolean progress = false;
			for (int i = 0; i < pending.size(); i++) {
				PlannedStatement planned = pending.get(i);
				planned.record(outcomes.get(i), sequence);
				progress |= planned.succeeded();
				if (planned.failedOnUndefined()) {
					deferred.add(planned);
				}
			}
			if (!progress) {
				List<PlannedStatement> stuck = deferred.stream()
					.filter(p -> p.objectKind() == ObjectKind.FUNCTION
							&& PlannedStatement.UNDEFINED_FUNCTION.equals(p.failure.getSQLState()))
					.toList();
				if (uncheckedTried || stuck.isEmpty()) {
					return;
				}
				uncheckedTried = true;
				createMutuallyDependent(stuck, sequence);
				deferred.removeAll(stuck);
			}
			pending = deferred;
		}
	}

	/**
	 * Functions that call each other cannot be created one by one while bodies are checked: create
	 * them unchecked, then check each once all exist.
	 */
	private void createMutuallyDependent(List<PlannedStatement> stuck, Sequence sequence) throws SQLException {
		execute("SET LOCAL check_function_bodies = off");
		List<SQLException> unchecked = this.batch.run(sqlOf(stuck));
		execute("SET LOCAL check_function_bodies = on");
		List<PlannedStatement> created = new ArrayList<>();
		for (int i = 0; i < stuck.size(); i++) {
			if (unchecked.get(i) == null) {
				created.add(stuck.get(i));
			}
			else {
				stuck.get(i).failure = unchecked.get(i);
			}
		}
		List<SQLException> outcomes = this.batch.run(sqlOf(created));
		for (int i = 0; i < created.size(); i++) {
			created.get(i).record(outcomes.get(i), sequence);
		}
	}

	private void execute(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static List<String> sqlOf(List<PlannedStatement> statements) {
		return statements.stream().map(planned -> planned.sent.sql()).toList();
	}
}

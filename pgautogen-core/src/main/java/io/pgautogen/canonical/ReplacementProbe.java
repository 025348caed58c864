package io.pgautogen.canonical;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.pgautogen.catalog.CatalogObject;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.kind.Kinds;

/**
 * Asks the server which replaced functions could not be turned back with {@code CREATE OR REPLACE}
 * (an added parameter default, for one): the definitions alone do not tell.
 */
public final class ReplacementProbe {

	private static final String PROBE = "pgautogen_probe";

	private final Connection connection;

	private final SavepointBatch batch;

	/** A probe using {@code connection}, inside the planning transaction and outside any sandbox. */
	public ReplacementProbe(Connection connection) {
		this.connection = connection;
		this.batch = new SavepointBatch(connection);
	}

	/**
	 * In a savepoint of its own, creates each declared version over the existing one, then the
	 * existing definition over it. Leaves nothing behind.
	 * @param existing the functions as they are
	 * @param declared their declared versions, in the same order
	 * @return identities that cannot be restored in place (also when the check itself cannot run)
	 */
	public Set<String> irreplaceable(List<CatalogObject> existing, List<CatalogObject> declared) throws SQLException {
		if (existing.isEmpty()) {
			return Set.of();
		}
		Set<String> refused = Kinds.of(ObjectKind.FUNCTION).refusedReplacement();
		execute("SAVEPOINT " + PROBE);
		try {
			execute("SET LOCAL check_function_bodies = off");
			List<SQLException> forward = this.batch.run(declared.stream().map(CatalogObject::definition).toList());
			List<CatalogObject> replaced = new ArrayList<>();
			Set<String> irreplaceable = new TreeSet<>();
			for (int i = 0; i < existing.size(); i++) {
				if (forward.get(i) == null) {
					replaced.add(existing.get(i));
				}
				else {
					irreplaceable.add(existing.get(i).identity());
				}
			}
			List<SQLException> back = this.batch.run(replaced.stream().map(CatalogObject::definition).toList());
			for (int i = 0; i < replaced.size(); i++) {
				if (back.get(i) != null && refused.contains(back.get(i).getSQLState())) {
					irreplaceable.add(replaced.get(i).identity());
				}
			}
			return irreplaceable;
		}
		finally {
			execute("ROLLBACK TO SAVEPOINT " + PROBE);
			execute("RELEASE SAVEPOINT " + PROBE);
		}
	}

	private void execute(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(sql);
		}
	}
}

package io.pgautogen.plan;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.pgautogen.canonical.LockTimeoutException;
import io.pgautogen.catalog.CatalogReader;
import io.pgautogen.catalog.CatalogRow;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.declaration.DeclarationException;
import io.pgautogen.diff.Change;
import io.pgautogen.kind.Kinds;

/**
 * Proves a plan before anyone sees it, inside the planning transaction (rolled back like the rest):
 * its upgrade must apply and leave nothing to plan, and its downgrade, applied after it, must give
 * back every managed object as it was, privileges and comment included. Materialized views are
 * created {@code WITH NO DATA} there: proving a plan never runs a view's query.
 */
final class PlanVerifier {

	private static final String SAVEPOINT = "pgautogen_verify";

	private static final String LOCK_NOT_AVAILABLE = "55P03";

	private static final String OUT_OF_MEMORY = "53200";

	/** Plans again against the catalog as the upgrade left it. */
	@FunctionalInterface
	interface Replanner {

		MigrationPlan replan() throws SQLException;
	}

	private final Connection connection;

	private final CatalogReader reader;

	PlanVerifier(Connection connection) {
		this.connection = connection;
		this.reader = new CatalogReader(connection);
	}

	/**
	 * @return the plan, marked verified
	 * @throws PlanVerificationException when the plan does not hold
	 */
	MigrationPlan verify(MigrationPlan plan, Set<String> recreatedByDowngrade, Collection<String> schemas,
			Set<ObjectKind> kinds, Replanner replanner) throws SQLException {
		execute("SAVEPOINT " + SAVEPOINT);
		try {
			return prove(plan, recreatedByDowngrade, schemas, kinds, replanner);
		}
		catch (SQLException ex) {
			if (OUT_OF_MEMORY.equals(ex.getSQLState())) {
				return plan;
			}
			throw ex;
		}
		catch (DeclarationException ex) {
			if (ex.problems().stream().allMatch(problem -> OUT_OF_MEMORY.equals(problem.sqlState()))) {
				return plan;
			}
			throw ex;
		}
		finally {
			execute("ROLLBACK TO SAVEPOINT " + SAVEPOINT);
			execute("RELEASE SAVEPOINT " + SAVEPOINT);
		}
	}

	/**
	 * The proof itself. Holding the upgrade's locks while planning again can exceed PostgreSQL's lock
	 * table on very large plans (out of shared memory, max_locks_per_transaction): the plan is then
	 * returned unproven rather than not at all.
	 */
	private MigrationPlan prove(MigrationPlan plan, Set<String> recreatedByDowngrade, Collection<String> schemas,
			Set<ObjectKind> kinds, Replanner replanner) throws SQLException {
		Map<String, CatalogRow> before = headers(schemas, kinds);
		Set<String> touched = touched(plan);
		touched.addAll(recreatedByDowngrade);
		Map<String, String> touchedBefore = describe(before, touched);
		run(plan.upgrade(), "upgrade");
		MigrationPlan again = replanner.replan();
		if (!again.inSync()) {
			throw new PlanVerificationException("after its upgrade, planning again still finds "
					+ again.changes().size() + " change(s): " + String.join(", ", again.changes().stream()
						.map(change -> change.action().label() + " " + change.identity()).toList()));
		}
		run(plan.downgrade(), "downgrade");
		Map<String, CatalogRow> after = headers(schemas, kinds);
		List<String> differences = new ArrayList<>();
		Set<String> identities = new TreeSet<>(before.keySet());
		identities.addAll(after.keySet());
		List<String> rewritten = new ArrayList<>();
		for (String identity : identities) {
			CatalogRow was = before.get(identity);
			CatalogRow is = after.get(identity);
			if (was == null || is == null) {
				differences.add(identity + " " + ((was == null) ? "exists after the downgrade but not before it"
						: "is missing after the downgrade"));
			}
			else if (!was.contentHash().equals(is.contentHash())) {
				rewritten.add(identity);
			}
		}
		Map<String, String> touchedAfter = describe(after, rewritten);
		for (String identity : rewritten) {
			if (!touchedBefore.containsKey(identity)) {
				differences.add(identity + " was changed by the migration although the plan does not list it");
			}
			else if (!Objects.equals(touchedBefore.get(identity), touchedAfter.get(identity))) {
				differences.add(identity + " is not the same after the downgrade:\n    before: "
						+ touchedBefore.get(identity).replace("\n", "\n            ") + "\n    after:  "
						+ touchedAfter.get(identity).replace("\n", "\n            "));
			}
		}
		if (!differences.isEmpty()) {
			throw new PlanVerificationException("its downgrade does not give back the catalog as it was:\n  "
					+ String.join("\n  ", differences));
		}
		return plan.asVerified();
	}

	private static Set<String> touched(MigrationPlan plan) {
		Set<String> identities = new TreeSet<>();
		for (Change change : plan.changes()) {
			identities.add(change.identity());
		}
		return identities;
	}

	private Map<String, CatalogRow> headers(Collection<String> schemas, Set<ObjectKind> kinds) throws SQLException {
		Map<String, CatalogRow> rows = new HashMap<>();
		for (CatalogRow row : this.reader.headers(schemas, kinds)) {
			rows.put(row.object().identity(), row);
		}
		return rows;
	}

	/** Definition, privileges and comment of each of {@code identities} that {@code rows} holds. */
	private Map<String, String> describe(Map<String, CatalogRow> rows, Collection<String> identities)
			throws SQLException {
		Map<ObjectKind, Map<Long, String>> oids = new HashMap<>();
		for (String identity : identities) {
			CatalogRow row = rows.get(identity);
			if (row != null) {
				oids.computeIfAbsent(row.object().kind(), kind -> new HashMap<>()).put(row.oid(), identity);
			}
		}
		Map<String, String> described = new HashMap<>();
		for (Map.Entry<ObjectKind, Map<Long, String>> entry : oids.entrySet()) {
			Map<Long, List<String>> attributes = this.reader.restoreStatements(entry.getKey(), entry.getValue().keySet());
			for (CatalogRow row : this.reader.byOids(entry.getKey(), entry.getValue().keySet())) {
				described.put(row.object().identity(), row.object().definition() + "\n"
						+ String.join("\n", attributes.getOrDefault(row.oid(), List.of())));
			}
		}
		return described;
	}

	private void run(List<String> statements, String direction) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.setEscapeProcessing(false);
			for (int i = 0; i < statements.size(); i++) {
				try {
					statement.execute(Kinds.withoutQueries(statements.get(i)));
				}
				catch (SQLException ex) {
					if (LOCK_NOT_AVAILABLE.equals(ex.getSQLState())) {
						throw new LockTimeoutException(List.of(lockedBy(statements.get(i))));
					}
					if (OUT_OF_MEMORY.equals(ex.getSQLState())) {
						throw ex;
					}
					throw new PlanVerificationException("its " + direction + " fails at statement " + (i + 1) + " of "
							+ statements.size() + ", " + firstLine(statements.get(i)) + ": " + ex.getMessage());
				}
			}
		}
	}

	/** The table a trigger statement names ({@code … ON schema.table}), else the statement's head. */
	private static String lockedBy(String statement) {
		java.util.regex.Matcher on = java.util.regex.Pattern.compile("(?i)\\bON\\s+(\\S+)").matcher(statement);
		return (statement.toUpperCase(java.util.Locale.ROOT).contains("TRIGGER") && on.find()) ? on.group(1)
				: firstLine(statement);
	}

	private static String firstLine(String statement) {
		String line = statement.strip().lines().findFirst().orElse("");
		return (line.length() > 80) ? line.substring(0, 77) + "..." : line;
	}

	private void execute(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(sql);
		}
	}
}

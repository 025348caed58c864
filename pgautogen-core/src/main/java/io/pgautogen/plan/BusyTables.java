package io.pgautogen.plan;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Says which sessions hold the tables planning could not lock, once the planning transaction is gone. */
final class BusyTables {

	private static final String HOLDERS = """
			SELECT DISTINCT l.relation::regclass::text, a.pid, coalesce(nullif(a.application_name, ''), '?'),
			       coalesce(a.usename::text, '?'), coalesce(a.state, '?'),
			       coalesce(extract(epoch FROM pg_catalog.now() - a.xact_start)::bigint, 0),
			       coalesce(pg_catalog.left(pg_catalog.regexp_replace(a.query, '\\s+', ' ', 'g'), 120), '')
			FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
			WHERE l.locktype = 'relation' AND l.granted AND a.pid <> pg_catalog.pg_backend_pid()
			  AND l.relation IN (SELECT pg_catalog.to_regclass(name) FROM pg_catalog.unnest(?::text[]) name)
			ORDER BY 1, 2
			""";

	private BusyTables() {
	}

	static BusyTableException describe(Connection connection, List<String> objects, int attempts, Duration lockTimeout) {
		StringBuilder message = new StringBuilder("Planning could not lock ").append(String.join(", ", objects))
			.append(": another session holds ").append((objects.size() == 1) ? "it" : "them").append(". pgautogen tried ")
			.append(attempts).append(" times, waiting at most ").append(PlanningTransaction.roundedUpMillis(lockTimeout))
			.append(" ms each time (spring.pgautogen.lock-timeout) so that the application's own writers, queued behind"
					+ " that wait, are not held up longer.");
		List<String> holders = holders(connection, objects);
		if (!holders.isEmpty()) {
			message.append("\nHeld by:");
			holders.forEach(holder -> message.append("\n  ").append(holder));
		}
		message.append("\nWhat to do: plan again once that transaction has ended (a long-running or idle-in-transaction"
				+ " session is the usual cause). The declarations are fine. Nothing was changed.");
		return new BusyTableException(objects, message.toString());
	}

	private static List<String> holders(Connection connection, List<String> objects) {
		List<String> holders = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(HOLDERS)) {
			Array names = connection.createArrayOf("text", objects.toArray());
			statement.setArray(1, names);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					holders.add(rs.getString(1) + ": pid " + rs.getInt(2) + " (application " + rs.getString(3) + ", user "
							+ rs.getString(4) + ", " + rs.getString(5) + ", transaction open for " + rs.getLong(6) + " s): "
							+ rs.getString(7));
				}
			}
		}
		catch (SQLException ex) {
			holders.add("(could not read pg_locks: " + ex.getMessage() + ")");
		}
		return holders;
	}
}

package io.pgautogen.plan;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import io.pgautogen.canonical.LockTimeoutException;
import io.pgautogen.catalog.CatalogChangedException;

/**
 * Plans again when an attempt met a live database: a busy table (after a pause, so that the writers
 * queued behind the short lock wait can drain), or an object another session dropped while it was
 * read (at once, from a fresh read).
 */
final class PlanAttempts {

	/** Pauses between attempts when a table is busy: four lock waits in all, spread over two seconds. */
	private static final List<Duration> LOCK_RETRY_PAUSES = List.of(Duration.ofMillis(250), Duration.ofMillis(500),
			Duration.ofMillis(1000));

	/** One attempt at a plan, in a planning transaction of its own. */
	@FunctionalInterface
	interface Attempt {

		MigrationPlan plan() throws SQLException;
	}

	private PlanAttempts() {
	}

	static MigrationPlan run(Connection connection, Duration lockTimeout, Attempt attempt) throws SQLException {
		int busy = 0;
		int changedCatalog = 0;
		while (true) {
			try {
				return attempt.plan();
			}
			catch (LockTimeoutException ex) {
				if (busy == LOCK_RETRY_PAUSES.size()) {
					throw BusyTables.describe(connection, ex.objects(), busy + 1, lockTimeout);
				}
				pause(LOCK_RETRY_PAUSES.get(busy++));
			}
			catch (CatalogChangedException ex) {
				if (++changedCatalog > LOCK_RETRY_PAUSES.size()) {
					throw new PlanningException("Another session kept changing the managed objects while planning read"
							+ " them (last: " + ex.getMessage() + "); pgautogen planned " + changedCatalog
							+ " times. What to do: plan again once the other migration or deployment has finished."
							+ " Nothing was changed.", ex);
				}
			}
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PlanningException("Interrupted while waiting for a busy table. Nothing was changed.", ex);
		}
	}
}

package io.pgautogen.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.pgautogen.catalog.ObjectKind;

/**
 * How a {@link Planner} plans.
 *
 * @param schemas the schemas to inspect; empty means the connection's current schema
 * @param manage kinds to manage even without declarations, so that all their objects are dropped
 * @param exclude identity patterns to leave alone ({@code *} and {@code ?} wildcards)
 * @param lockTimeout the longest a planning statement waits for a lock (writers on that table wait
 * behind it); planning tries again a few times before it reports the table busy
 * @param statementTimeout how long one planning statement may run
 */
public record PlannerSettings(List<String> schemas, Set<ObjectKind> manage, List<String> exclude,
		Duration lockTimeout, Duration statementTimeout) {

	/**
	 * Default lock timeout: while planning waits for a table lock, the application's writers on that
	 * table queue behind it, so no single wait may last longer than this. Planning tries again after
	 * short pauses.
	 */
	public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMillis(100);

	/** The longest timeout PostgreSQL can hold: its timeouts are milliseconds in a 32-bit integer. */
	public static final Duration MAX_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

	/** Default statement timeout. */
	public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofMinutes(2);

	public PlannerSettings {
		schemas = List.copyOf(schemas);
		manage = Set.copyOf(manage);
		exclude = List.copyOf(exclude);
		Objects.requireNonNull(lockTimeout, "lockTimeout");
		Objects.requireNonNull(statementTimeout, "statementTimeout");
		requirePositive("lockTimeout", lockTimeout);
		requirePositive("statementTimeout", statementTimeout);
		for (String schema : schemas) {
			if (schema.isBlank() || schema.equals("pg_catalog") || schema.equals("information_schema")) {
				throw new IllegalArgumentException("Cannot inspect schema '" + schema
						+ "': give the names of your own schemas");
			}
		}
	}

	/** The current schema, all kinds managed only when declared, nothing excluded, default timeouts. */
	public static PlannerSettings defaults() {
		return new PlannerSettings(List.of(), Set.of(), List.of(), DEFAULT_LOCK_TIMEOUT, DEFAULT_STATEMENT_TIMEOUT);
	}

	/** These settings with other schemas. */
	public PlannerSettings withSchemas(List<String> newSchemas) {
		return new PlannerSettings(newSchemas, this.manage, this.exclude, this.lockTimeout, this.statementTimeout);
	}

	/** These settings with other always-managed kinds. */
	public PlannerSettings withManage(Set<ObjectKind> newManage) {
		return new PlannerSettings(this.schemas, newManage, this.exclude, this.lockTimeout, this.statementTimeout);
	}

	/** These settings with other exclusion patterns. */
	public PlannerSettings withExclude(List<String> newExclude) {
		return new PlannerSettings(this.schemas, this.manage, newExclude, this.lockTimeout, this.statementTimeout);
	}

	/** These settings with another lock timeout. */
	public PlannerSettings withLockTimeout(Duration newLockTimeout) {
		return new PlannerSettings(this.schemas, this.manage, this.exclude, newLockTimeout, this.statementTimeout);
	}

	/** These settings with another statement timeout. */
	public PlannerSettings withStatementTimeout(Duration newStatementTimeout) {
		return new PlannerSettings(this.schemas, this.manage, this.exclude, this.lockTimeout, newStatementTimeout);
	}

	private static void requirePositive(String name, Duration duration) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, but was " + duration);
		}
		if (duration.compareTo(MAX_TIMEOUT) > 0) {
			throw new IllegalArgumentException(name + " must be at most " + MAX_TIMEOUT.toMillis()
					+ " ms, the longest timeout PostgreSQL can hold, but was " + duration);
		}
	}
}

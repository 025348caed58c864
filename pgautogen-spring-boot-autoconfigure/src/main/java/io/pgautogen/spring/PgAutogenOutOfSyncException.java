package io.pgautogen.spring;

import java.util.stream.Collectors;

import io.pgautogen.PgAutogenException;
import io.pgautogen.diff.Change;
import io.pgautogen.plan.MigrationPlan;

/** The database does not match the declarations, and the application was told to fail then. */
public class PgAutogenOutOfSyncException extends PgAutogenException {

	private final MigrationPlan plan;

	public PgAutogenOutOfSyncException(MigrationPlan plan) {
		super("The database is not in sync with the declared " + plan.managedKindsInProse() + " ("
				+ plan.changes().size() + " pending " + ((plan.changes().size() == 1) ? "change" : "changes") + "):\n"
				+ plan.changes().stream().map(change -> "  " + change.summary()).collect(Collectors.joining("\n")));
		this.plan = plan;
	}

	/** The pending plan. */
	public MigrationPlan plan() {
		return this.plan;
	}

	/** The pending changes, one per line. */
	public String changes() {
		return this.plan.changes().stream().map(Change::summary).collect(Collectors.joining("\n"));
	}
}

package io.pgautogen.spring;

import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

import io.pgautogen.PgAutogenException;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.diff.Change;
import io.pgautogen.plan.MigrationPlan;
import io.pgautogen.writer.WriteResult;

/**
 * Runs pgautogen once the application has started (after Flyway or Liquibase migrated the
 * database): reports the pending migration, writes it, or fails start-up when the database is not
 * in sync, as {@link Mode} says.
 */
public class PgAutogenApplicationRunner implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(PgAutogenApplicationRunner.class);

	private final PgAutogen pgAutogen;

	private final Mode mode;

	private final @Nullable String description;

	public PgAutogenApplicationRunner(PgAutogen pgAutogen, Mode mode) {
		this(pgAutogen, mode, null);
	}

	private PgAutogenApplicationRunner(PgAutogen pgAutogen, Mode mode, @Nullable String description) {
		this.pgAutogen = pgAutogen;
		this.mode = mode;
		this.description = description;
	}

	/** This runner, naming what a migration written in {@link Mode#WRITE} mode does. */
	public PgAutogenApplicationRunner withDescription(@Nullable String newDescription) {
		return new PgAutogenApplicationRunner(this.pgAutogen, this.mode, newDescription);
	}

	/** What the runner does at start-up. */
	public enum Mode {

		/** Log the pending migration, or that the database is in sync. Planning errors are logged, never fatal. */
		REPORT,

		/** Write the pending migration to the output directory and log where. Errors fail start-up. */
		WRITE,

		/** Fail start-up, listing the changes, when the database is not in sync. For CI. */
		FAIL,

		/** Do nothing: nothing touches the database. */
		OFF
	}

	@Override
	public void run(ApplicationArguments args) {
		switch (this.mode) {
			case REPORT -> report();
			case WRITE -> write();
			case FAIL -> failIfOutOfSync();
			case OFF -> {
			}
		}
	}

	private void report() {
		MigrationPlan plan;
		try {
			plan = this.pgAutogen.plan();
		}
		catch (PgAutogenException ex) {
			logger.error("pgautogen could not plan the migration. " + ex.getMessage());
			return;
		}
		for (ObjectKind kind : this.pgAutogen.noLongerManaged(plan)) {
			logger.warn("pgautogen: no " + kind.label() + " is declared any more, so " + kind.pluralLabel()
					+ " are no longer managed: those earlier migrations created stay as they are. Set"
					+ " spring.pgautogen.manage=" + kind.pluralLabel() + " to have undeclared " + kind.pluralLabel()
					+ " dropped, or declare them again.");
		}
		if (plan.inSync()) {
			logger.info(inSync(plan));
			return;
		}
		String diffs = plan.changes().stream()
			.filter(change -> change.diff() != null)
			.map(change -> change.diff())
			.collect(Collectors.joining("\n"));
		logger.warn(pending(plan) + (diffs.isEmpty() ? "" : "\nWhat changes:\n" + diffs.indent(2)) + "\nUpgrade:\n"
				+ plan.upgrade().stream().map(statement -> statement + ";").collect(Collectors.joining("\n\n")).indent(2)
				+ "Write it with spring.pgautogen.mode=write"
				+ (this.pgAutogen.canWrite() ? "" : " (and a spring.pgautogen.output-dir)")
				+ ", or POST /actuator/pgautogen (writing through the endpoint needs"
				+ " management.endpoint.pgautogen.access=unrestricted).");
	}

	private void write() {
		PgAutogen.WrittenMigration written = this.pgAutogen.write(this.description);
		WriteResult result = written.result();
		switch (result.outcome()) {
			case WRITTEN -> logger.info(pending(written.plan()) + "\n" + result.message()
					+ " Review it, commit it; the migration tool applies it on the next start.");
			case IN_SYNC -> logger.info(inSync(written.plan()));
			case ALREADY_PENDING -> logger.warn("pgautogen: " + result.message());
		}
	}

	private void failIfOutOfSync() {
		MigrationPlan plan = this.pgAutogen.plan();
		if (!plan.inSync()) {
			throw new PgAutogenOutOfSyncException(plan);
		}
		logger.info(inSync(plan));
	}

	private static String inSync(MigrationPlan plan) {
		return "pgautogen: the database is in sync with the declared " + plan.managedKindsInProse()
				+ " (schemas: " + String.join(", ", plan.schemas()) + ").";
	}

	private static String pending(MigrationPlan plan) {
		int count = plan.changes().size();
		return "pgautogen: " + count + " pending " + ((count == 1) ? "change" : "changes") + " to "
				+ String.join(" and ", plan.managedKindLabels()) + " (schemas: " + String.join(", ", plan.schemas())
				+ "):\n" + plan.changes().stream().map(Change::summary).collect(Collectors.joining("\n")).indent(2)
					.stripTrailing();
	}
}

package io.pgautogen.writer;

import java.nio.file.Path;

import io.pgautogen.plan.MigrationPlan;

/** Writes a {@link MigrationPlan} as files a migration tool applies. */
public interface MigrationWriter {

	/**
	 * Writes the plan's migration, unless the database is in sync or a file in the directory already
	 * holds pending changes.
	 * @param plan the plan
	 * @param description what the migration does, for its file name; {@code null} for one derived
	 * from the changes
	 */
	WriteResult write(MigrationPlan plan, String description);

	/** The format this writer writes. */
	MigrationFormat format();

	/** The directory this writer writes into, as configured (possibly relative to the working directory). */
	Path directory();
}

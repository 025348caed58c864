package io.pgautogen.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import io.pgautogen.plan.MigrationPlan;
import io.pgautogen.writer.MigrationWriter;
import io.pgautogen.writer.WriteResult;

/**
 * Writes the pending migration into the output directory, as the application's {@code write} mode
 * does: review it, commit it, and the migration tool applies it.
 */
@Mojo(name = "generate", threadSafe = true, requiresProject = true)
public class GenerateMojo extends AbstractPgAutogenMojo {

	/** What the migration does, for its file name: {@code -Dpgautogen.description="add order audit"}. */
	@Parameter(property = "pgautogen.description")
	private String description;

	@Override
	protected void run(MigrationPlan plan, MigrationWriter writer) {
		WriteResult result = writer.write(plan, this.description);
		switch (result.outcome()) {
			case WRITTEN -> getLog().info("pgautogen: " + plan.changes().size() + " change(s):" + describe(plan) + "\n"
					+ result.message() + " Review it and commit it.");
			case IN_SYNC -> getLog().info("pgautogen: the migrations and the declarations agree; nothing to generate.");
			case ALREADY_PENDING -> getLog().warn("pgautogen: " + result.message());
		}
	}
}

package io.pgautogen.maven;

import org.apache.maven.plugins.annotations.Mojo;

import io.pgautogen.plan.MigrationPlan;
import io.pgautogen.writer.MigrationWriter;

/** Prints the pending changes and the upgrade SQL that would bring the migrated database to the declarations. */
@Mojo(name = "plan", threadSafe = true, requiresProject = true)
public class PlanMojo extends AbstractPgAutogenMojo {

	@Override
	protected void run(MigrationPlan plan, MigrationWriter writer) {
		if (plan.inSync()) {
			getLog().info("pgautogen: the migrations and the declarations agree; nothing to generate.");
			return;
		}
		getLog().info("pgautogen: " + plan.changes().size() + " pending change(s):" + describe(plan));
		getLog().info("pgautogen: upgrade:");
		plan.upgrade().forEach(statement -> getLog().info(statement + ";"));
		getLog().info("pgautogen: write it with ./mvnw pgautogen:generate");
	}
}

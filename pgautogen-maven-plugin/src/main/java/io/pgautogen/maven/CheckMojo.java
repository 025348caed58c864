package io.pgautogen.maven;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import io.pgautogen.plan.MigrationPlan;
import io.pgautogen.writer.MigrationWriter;

/**
 * Fails the build when the project's migrations and its declarations disagree: someone changed a
 * declaration without generating its migration. Bind it to {@code verify} for a drift gate that
 * needs no database service.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true, requiresProject = true)
public class CheckMojo extends AbstractPgAutogenMojo {

	@Override
	protected void run(MigrationPlan plan, MigrationWriter writer) throws MojoFailureException {
		if (plan.inSync()) {
			getLog().info("pgautogen: the migrations and the declarations agree.");
			return;
		}
		throw new MojoFailureException("The migrations and the declarations disagree ("
				+ plan.changes().size() + " pending change(s)):" + describe(plan) + "\nRun ./mvnw pgautogen:generate,"
				+ " review the migration it writes and commit it.");
	}
}

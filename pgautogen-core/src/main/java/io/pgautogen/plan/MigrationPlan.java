package io.pgautogen.plan;

import java.util.List;
import java.util.Set;

import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.ServerVersion;
import io.pgautogen.diff.Change;

/**
 * What it takes to bring a database to the declared state, and back: the changes, and the plain SQL
 * statements of the upgrade and of its exact inverse, the downgrade. Rendering them into files is a
 * writer's job.
 *
 * @param server the server the plan was made against, or {@code null} when nothing is managed
 * @param schemas the inspected schemas
 * @param managedKinds the managed kinds
 * @param changes the changed objects
 * @param upgrade the statements that apply the changes, in order, without trailing semicolons
 * @param downgrade the statements that undo them, in order
 * @param timings how long planning took
 * @param verified whether the plan was proven before it was returned: its upgrade applied in the
 * rolled-back planning transaction leaves nothing to plan, and its downgrade then gives back the
 * catalog as it was (an empty plan is trivially proven)
 */
public record MigrationPlan(ServerVersion server, List<String> schemas, Set<ObjectKind> managedKinds,
		List<Change> changes, List<String> upgrade, List<String> downgrade, PlanningTimings timings, boolean verified) {

	/** An unverified plan, or an empty one. */
	public MigrationPlan(ServerVersion server, List<String> schemas, Set<ObjectKind> managedKinds, List<Change> changes,
			List<String> upgrade, List<String> downgrade, PlanningTimings timings) {
		this(server, schemas, managedKinds, changes, upgrade, downgrade, timings, changes.isEmpty());
	}

	public MigrationPlan {
		schemas = List.copyOf(schemas);
		managedKinds = Set.copyOf(managedKinds);
		changes = List.copyOf(changes);
		upgrade = List.copyOf(upgrade);
		downgrade = List.copyOf(downgrade);
	}

	/** Whether the database already matches the declarations. */
	public boolean inSync() {
		return this.changes.isEmpty();
	}

	/** This plan, with {@code newTimings}. */
	public MigrationPlan withTimings(PlanningTimings newTimings) {
		return new MigrationPlan(this.server, this.schemas, this.managedKinds, this.changes, this.upgrade, this.downgrade,
				newTimings, this.verified);
	}

	/** This plan, marked as proven. */
	MigrationPlan asVerified() {
		return new MigrationPlan(this.server, this.schemas, this.managedKinds, this.changes, this.upgrade, this.downgrade,
				this.timings, true);
	}

	/**
	 * The managed kinds in prose, for messages: {@code functions, views and triggers}; {@code objects}
	 * when none is managed.
	 */
	public String managedKindsInProse() {
		List<String> labels = managedKindLabels().stream().map(label -> label.replace('-', ' ')).toList();
		if (labels.isEmpty()) {
			return "objects";
		}
		return (labels.size() == 1) ? labels.get(0)
				: String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.get(labels.size() - 1);
	}

	/** The managed kinds in a stable order, as lower-case plurals ({@code functions}, {@code triggers}). */
	public List<String> managedKindLabels() {
		return java.util.Arrays.stream(ObjectKind.values())
			.filter(this.managedKinds::contains)
			.map(ObjectKind::pluralLabel)
			.toList();
	}
}

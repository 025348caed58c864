package io.pgautogen.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.pgautogen.diff.Change;
import io.pgautogen.plan.MigrationPlan;
import io.pgautogen.plan.Planner;

/**
 * The central invariant: apply a plan's upgrade and planning again finds nothing to do; apply its
 * downgrade and the catalog is what it was before.
 */
public final class Invariant {

	private Invariant() {
	}

	/** Applies a plan's two directions to a database, by whatever means is under test. */
	public interface Migrator {

		void upgrade(TestDatabase database, MigrationPlan plan);

		void downgrade(TestDatabase database, MigrationPlan plan);
	}

	/** Runs the statements over JDBC, each direction in one transaction under an empty search_path. */
	public static final Migrator JDBC = new Migrator() {

		@Override
		public void upgrade(TestDatabase database, MigrationPlan plan) {
			database.executeInTransaction("''", plan.upgrade());
		}

		@Override
		public void downgrade(TestDatabase database, MigrationPlan plan) {
			database.executeInTransaction("''", plan.downgrade());
		}
	};

	/** Plans {@code scenario} against {@code database} as it is now. */
	public static MigrationPlan plan(TestDatabase database, Scenario scenario) {
		return new Planner(scenario.plannerSettings()).plan(database.dataSource(), scenario.declarations());
	}

	/** {@code action kind identity} of each change. */
	public static List<String> changes(MigrationPlan plan) {
		return plan.changes().stream().map(Invariant::describe).toList();
	}

	private static String describe(Change change) {
		return change.action().label() + " " + change.kind().label() + " " + change.identity();
	}

	/**
	 * Sets the scenario up, plans, and checks the expected changes and the invariant.
	 * @return the plan
	 */
	public static MigrationPlan check(TestDatabase database, Scenario scenario, Migrator migrator) {
		database.execute(scenario.setup().toArray(String[]::new));
		Map<String, String> before = Catalogs.definitions(database);
		MigrationPlan plan = plan(database, scenario);
		if (scenario.expectedChanges() != null) {
			assertThat(changes(plan)).as("changes").containsExactlyInAnyOrderElementsOf(
					scenario.expectedChanges().apply(database.major()));
		}
		assertThat(Catalogs.definitions(database)).as("catalog after planning").isEqualTo(before);
		Map<String, String> attributes = Catalogs.attributes(database);
		migrator.upgrade(database, plan);
		assertThat(changes(plan(database, scenario))).as("changes planned after the upgrade").isEmpty();
		Map<String, String> upgraded = Catalogs.attributes(database);
		upgraded.keySet().retainAll(attributes.keySet());
		assertThat(upgraded).as("privileges and comments after the upgrade")
			.containsExactlyInAnyOrderEntriesOf(attributes.entrySet()
				.stream()
				.filter(entry -> upgraded.containsKey(entry.getKey()))
				.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
		migrator.downgrade(database, plan);
		assertThat(Catalogs.definitions(database)).as("catalog after the downgrade").isEqualTo(before);
		return plan;
	}
}

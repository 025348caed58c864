package io.pgautogen.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.pgautogen.declaration.Declaration;
import io.pgautogen.test.GeneratedScenarios;
import io.pgautogen.test.Invariant;
import io.pgautogen.test.Scenario;
import io.pgautogen.test.TestDatabase;
import io.pgautogen.test.TestDatabaseExtension;

@ExtendWith(TestDatabaseExtension.class)
class GeneratedPlansTest {

	private static final long SEED = Long.getLong("pgautogen.seed", 20261124L);

	static Stream<Scenario> scenarios() {
		return GeneratedScenarios.generate(SEED, Integer.getInteger("pgautogen.generated", 40)).stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void upgradeIsCompleteDowngradeRestoresAndDeclarationOrderDoesNotMatter(Scenario scenario, TestDatabase database) {
		assumeTrue(database.major() >= scenario.minimumMajor(), "needs PostgreSQL " + scenario.minimumMajor());
		MigrationPlan plan = Invariant.check(database, scenario, Invariant.JDBC);

		List<Declaration> reversed = new ArrayList<>(scenario.declarations());
		Collections.reverse(reversed);
		List<Declaration> shuffled = new ArrayList<>(scenario.declarations());
		Collections.shuffle(shuffled, new Random(SEED));
		for (List<Declaration> order : List.of(reversed, shuffled)) {
			MigrationPlan replanned = new Planner(scenario.plannerSettings()).plan(database.dataSource(), order);
			assertThat(replanned.upgrade()).as("upgrade planned from another declaration order")
				.isEqualTo(plan.upgrade());
			assertThat(replanned.downgrade()).as("downgrade planned from another declaration order")
				.isEqualTo(plan.downgrade());
		}
	}
}

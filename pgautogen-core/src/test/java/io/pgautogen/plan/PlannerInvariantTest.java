package io.pgautogen.plan;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.pgautogen.test.Invariant;
import io.pgautogen.test.Scenario;
import io.pgautogen.test.Scenarios;
import io.pgautogen.test.TestDatabase;
import io.pgautogen.test.TestDatabaseExtension;

@ExtendWith(TestDatabaseExtension.class)
class PlannerInvariantTest {

	static Stream<Scenario> scenarios() {
		return Scenarios.all().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void upgradeIsCompleteAndDowngradeRestoresTheCatalog(Scenario scenario, TestDatabase database) {
		assumeTrue(database.major() >= scenario.minimumMajor(), "needs PostgreSQL " + scenario.minimumMajor());
		Invariant.check(database, scenario, Invariant.JDBC);
	}
}

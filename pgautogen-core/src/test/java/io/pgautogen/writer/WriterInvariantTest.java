package io.pgautogen.writer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.pgautogen.test.Invariant;
import io.pgautogen.test.Scenario;
import io.pgautogen.test.Scenarios;
import io.pgautogen.test.TestDatabase;
import io.pgautogen.test.TestDatabaseExtension;

/**
 * Every case of the catalogue, written by each writer and applied by the real tool: the upgrade
 * leaves nothing to plan, the downgrade (undo file, rollback, .down.sql) restores the catalog.
 */
@ExtendWith(TestDatabaseExtension.class)
class WriterInvariantTest {

	static Stream<Arguments> cases() {
		return Stream.of(MigrationFormat.values())
			.flatMap(format -> Scenarios.all().stream().map(scenario -> Arguments.of(format, scenario)));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("cases")
	void appliedByTheToolUpgradeIsCompleteAndDowngradeRestores(MigrationFormat format, Scenario scenario,
			TestDatabase database, @TempDir Path directory) {
		assumeTrue(database.major() >= scenario.minimumMajor(), "needs PostgreSQL " + scenario.minimumMajor());
		Invariant.check(database, scenario, ToolMigrators.of(format, directory.resolve("migrations")));
	}
}

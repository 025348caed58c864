package io.pgautogen.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.pgautogen.catalog.CatalogReader;
import io.pgautogen.catalog.CatalogRow;
import io.pgautogen.catalog.CatalogSnapshot;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.Scope;
import io.pgautogen.catalog.ServerVersion;
import io.pgautogen.declaration.DeclarationStatements;
import io.pgautogen.declaration.DeclaredStatement;
import io.pgautogen.plan.PlannerSettings;
import io.pgautogen.test.GeneratedScenarios;
import io.pgautogen.test.Scenario;
import io.pgautogen.test.Scenarios;
import io.pgautogen.test.TestDatabase;
import io.pgautogen.test.TestDatabaseExtension;

/**
 * The one-batch fast path and the careful path, one subtransaction per statement, must read back
 * the same canonical catalog wherever the fast path answers at all, and the fast path must answer
 * the everyday edits.
 */
@ExtendWith(TestDatabaseExtension.class)
class CanonicalPathsTest {

	/** Everyday edits, which must not pay for the careful path. */
	private static final Set<String> ANSWERED_IN_ONE_BATCH = Set.of("new function", "same function written differently",
			"body change", "undeclared function is dropped", "two schemas at once", "every trigger shape",
			"every trigger shape changed", "trigger whose function changes", "quoted identifiers",
			"managed kind without declarations drops everything of it");

	static Stream<Scenario> scenarios() {
		return Stream.concat(Scenarios.all().stream(), GeneratedScenarios.generate(20261124L, 20).stream());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("scenarios")
	void fastPathAgreesWithTheCarefulPath(Scenario scenario, TestDatabase database) throws SQLException {
		assumeTrue(database.major() >= scenario.minimumMajor(), "needs PostgreSQL " + scenario.minimumMajor());
		database.execute(scenario.setup().toArray(String[]::new));
		PlannerSettings settings = scenario.plannerSettings();
		List<DeclaredStatement> declared = DeclarationStatements.prepare(scenario.declarations());
		try (Connection connection = database.connect()) {
			connection.setAutoCommit(false);
			ServerVersion server = ServerVersion.of(connection);
			Set<ObjectKind> kinds = EnumSet.noneOf(ObjectKind.class);
			kinds.addAll(settings.manage());
			declared.forEach(statement -> kinds.add(statement.declaration().kind()));
			Scope scope = new Scope(schemas(connection, settings), kinds, settings.exclude());
			List<CatalogRow> rows = new CatalogReader(connection).headers(scope.schemas(), kinds)
				.stream()
				.filter(row -> !scope.isExcluded(row.object().identity()))
				.toList();
			CatalogSnapshot current = CatalogSnapshot.of(rows);

			Canonicalizer fastPath = canonicalizer(connection, server, scope, settings);
			CanonicalCatalog fast = fastPath.canonicalizeInOneBatch(declared, current, rows);
			fastPath.discard();
			Canonicalizer carefulPath = canonicalizer(connection, server, scope, settings);
			CanonicalCatalog careful = carefulPath.canonicalizeCarefully(declared, current, rows);
			carefulPath.discard();
			connection.rollback();

			if (ANSWERED_IN_ONE_BATCH.contains(scenario.name())) {
				assertThat(fast).as("the fast path's answer").isNotNull();
			}
			if (fast != null) {
				assertThat(careful.displaced()).as("displaced objects (the fast path never displaces)").isEmpty();
				assertThat(fast.desired().objects()).as("canonical objects")
					.containsExactlyInAnyOrderElementsOf(careful.desired().objects());
				assertThat(fast.sources()).as("declaration of each object").isEqualTo(careful.sources());
				assertThat(fast.unchanged()).as("objects left as they are").isEqualTo(careful.unchanged());
			}
		}
	}

	private static Canonicalizer canonicalizer(Connection connection, ServerVersion server, Scope scope,
			PlannerSettings settings) {
		return new Canonicalizer(connection, server, scope, settings.lockTimeout(), settings.statementTimeout());
	}

	private static List<String> schemas(Connection connection, PlannerSettings settings) throws SQLException {
		if (!settings.schemas().isEmpty()) {
			return settings.schemas();
		}
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT pg_catalog.current_schema()")) {
			rs.next();
			return List.of(rs.getString(1));
		}
	}
}

package io.pgautogen.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.pgautogen.PgAutogenException;
import io.pgautogen.catalog.CatalogSnapshot;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.Scope;
import io.pgautogen.catalog.ServerVersion;
import io.pgautogen.declaration.Declaration;
import io.pgautogen.declaration.DeclarationException;
import io.pgautogen.declaration.DeclarationSource;
import io.pgautogen.declaration.DeclarationStatements;
import io.pgautogen.declaration.DeclaredStatement;
import io.pgautogen.declaration.PgFunction;
import io.pgautogen.plan.MigrationPlan;
import io.pgautogen.plan.Planner;
import io.pgautogen.plan.PlannerSettings;
import io.pgautogen.sql.CreateStatement;
import io.pgautogen.test.Catalogs;
import io.pgautogen.test.TestDatabase;
import io.pgautogen.test.TestDatabaseExtension;

/**
 * Declarations written to make planning run something else: each must be refused before it runs,
 * and nothing may change, in the catalog or outside it (rows, sequences, advisory locks, and another
 * database reached through dblink).
 */
@ExtendWith(TestDatabaseExtension.class)
class HostileDeclarationsTest {

	private TestDatabase victim;

	private TestDatabase database;

	private String dblinkTarget;

	@BeforeEach
	void setUp(TestDatabase database) {
		this.database = database;
		this.victim = TestDatabase.create();
		this.victim.execute("CREATE TABLE important (id int)", "INSERT INTO important SELECT generate_series(1, 3)");
		database.execute("CREATE EXTENSION dblink", "CREATE TABLE important (id int)",
				"INSERT INTO important SELECT generate_series(1, 3)", "CREATE SEQUENCE s");
		this.dblinkTarget = connectionString(this.victim);
	}

	@AfterEach
	void tearDown() {
		if (this.victim != null) {
			this.victim.close();
		}
	}

	@Test
	void aCarriageReturnEndsALineCommentAsItDoesForPostgres() {
		String file = "CREATE --\rTABLE p AS SELECT nextval('s') AS v, pg_advisory_lock(42) AS l, dblink_exec('"
				+ this.dblinkTarget + "', 'DELETE FROM important') AS w /*\nOR REPLACE FUNCTION f() RETURNS int"
				+ " LANGUAGE sql AS '*/--';\n";

		DeclarationException refused = catchThrowableOfType(DeclarationException.class,
				() -> plan(DeclarationStatements.parseScript(file, "db/pgautogen/evil.sql")));

		assertThat(refused.problems()).singleElement().satisfies(problem -> {
			assertThat(problem.location()).isEqualTo("db/pgautogen/evil.sql:1");
			assertThat(problem.message()).contains("'CREATE --' is not a function")
				.contains("PostgreSQL reads it as CREATE TABLE");
		});
		assertNothingHappened();
	}

	@Test
	void theServerRunsOnlyTheDeclaredKindEvenWhereTheScannerWereWrong() throws SQLException {
		// What the scanner of pgautogen 0.1 read in the file above: a CREATE OR REPLACE FUNCTION.
		String text = "CREATE --\rTABLE p AS SELECT nextval('s') AS v, pg_advisory_lock(42) AS l, dblink_exec('"
				+ this.dblinkTarget + "', 'DELETE FROM important') AS w /*\nOR REPLACE FUNCTION f() RETURNS int"
				+ " LANGUAGE sql AS '*/--'";
		int afterFunction = text.indexOf("FUNCTION") + "FUNCTION".length();

		DeclarationException refused = catchThrowableOfType(DeclarationException.class,
				() -> canonicalizeAsMisread(text, afterFunction));

		// The server ran CREATE OR REPLACE FUNCTION f() ... AS '*/--' and found its body invalid.
		assertThat(refused.problems()).singleElement().satisfies(problem -> {
			assertThat(problem.message()).isEqualTo("syntax error at or near \"*/\"");
			assertThat(problem.location()).startsWith("evil.sql:3:");
		});
		assertNothingHappened();
	}

	@Test
	void theServerRefusesASecondStatementHiddenFromTheScanner() {
		String text = "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'; SELECT dblink_exec('"
				+ this.dblinkTarget + "', 'DELETE FROM important'), nextval('s'), pg_advisory_lock(42)";
		int afterFunction = text.indexOf("FUNCTION") + "FUNCTION".length();

		DeclarationException refused = catchThrowableOfType(DeclarationException.class,
				() -> canonicalizeAsMisread(text, afterFunction));

		assertThat(refused.problems()).singleElement()
			.satisfies(problem -> assertThat(problem.message()).contains("2 statements"));
		assertNothingHappened();
	}

	@Test
	void theServerRefusesStatementsThatNeitherScannerNorDriverSees() {
		String text = "CREATE FUNCTION h() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1 AS begin; END; SELECT dblink_exec('"
				+ this.dblinkTarget + "', 'DELETE FROM important'), nextval('s'), pg_advisory_lock(42); END";
		int afterFunction = text.indexOf("FUNCTION") + "FUNCTION".length();

		DeclarationException refused = catchThrowableOfType(DeclarationException.class,
				() -> canonicalizeAsMisread(text, afterFunction));

		assertThat(refused.problems()).singleElement().satisfies(problem -> assertThat(problem.message())
			.containsAnyOf("cannot insert multiple commands into a prepared statement", "syntax error"));
		assertNothingHappened();
	}

	@Test
	void filesWithCarriageReturnLineEndsDeclareEveryStatement() {
		String file = "-- header\rCREATE FUNCTION a() RETURNS int LANGUAGE sql AS 'SELECT 1';\r"
				+ "CREATE FUNCTION b() RETURNS int LANGUAGE sql AS 'SELECT 2';\r\n-- crlf\r\n"
				+ "CREATE FUNCTION c() RETURNS int LANGUAGE sql AS 'SELECT 3';\n";

		List<Declaration> declarations = DeclarationStatements.parseScript(file, "db/pgautogen/cr.sql");
		MigrationPlan plan = plan(declarations);

		assertThat(declarations).extracting(d -> d.source().toString())
			.containsExactly("db/pgautogen/cr.sql:2", "db/pgautogen/cr.sql:3", "db/pgautogen/cr.sql:5");
		assertThat(plan.changes()).extracting(change -> change.identity())
			.containsExactlyInAnyOrder("public.a()", "public.b()", "public.c()");
	}

	@Test
	void beginAndEndUsedAsNamesDoNotHideStatementsInAnAtomicBody() {
		org.junit.jupiter.api.Assumptions.assumeTrue(this.database.major() >= 14, "BEGIN ATOMIC needs PostgreSQL 14");
		String body = "CREATE FUNCTION h() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1 AS begin; END; COMMIT;"
				+ " DELETE FROM important; END;";

		DeclarationException asBean = catchThrowableOfType(DeclarationException.class,
				() -> plan(List.of(new PgFunction(body, DeclarationSource.bean("h")))));
		DeclarationException asFile = catchThrowableOfType(DeclarationException.class,
				() -> plan(DeclarationStatements.parseScript(body, "db/pgautogen/h.sql")));

		assertThat(asBean.problems()).singleElement()
			.satisfies(problem -> assertThat(problem.message()).isEqualTo("the declaration holds 4 statements"));
		assertThat(asFile.problems()).extracting(problem -> problem.message())
			.containsExactly("'COMMIT' is not a function, procedure, view, materialized view, index or trigger definition",
					"'DELETE FROM important' is not a function, procedure, view, materialized view, index or trigger definition",
					"'END' is not a function, procedure, view, materialized view, index or trigger definition");
		assertNothingHappened();
	}

	@Test
	void simpleQueryModeIsRefusedBeforeAnythingRuns() {
		for (String mode : List.of("simple", "extendedForPrepared")) {
			String url = this.database.url() + (this.database.url().contains("?") ? "&" : "?") + "preferQueryMode=" + mode;
			assertThatThrownBy(() -> {
				try (Connection connection = DriverManager.getConnection(url)) {
					new Planner(PlannerSettings.defaults()).plan(connection,
							List.of(PgFunction.of("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'")));
				}
			}).isInstanceOf(PgAutogenException.class)
				.hasMessageContaining("preferQueryMode=" + mode)
				.hasMessageContaining("remove preferQueryMode");
		}
		assertNothingHappened();
	}

	@Test
	void unicodeSpacesControlCharactersAndBrokenEncodingsAreClearErrors() {
		assertThat(problem(() -> DeclarationStatements.parseScript(
				"CREATE FUNCTION a() RETURNS int LANGUAGE sql AS 'SELECT 1';\u2003\nCREATE FUNCTION b() RETURNS int"
						+ " LANGUAGE sql AS 'SELECT 2';", "x.sql")))
			.startsWith("x.sql:1:60: cannot be read with certainty: the invisible character U+2003");
		assertThat(problem(() -> DeclarationStatements.parseScript("\n\u001CCREATE FUNCTION a() RETURNS int"
				+ " LANGUAGE sql AS 'SELECT 1';", "x.sql")))
			.startsWith("x.sql:2:1: cannot be read with certainty: the control character U+001C");
		assertThat(DeclarationStatements.decode("\uFEFFCREATE FUNCTION a()".getBytes(StandardCharsets.UTF_8), "x.sql"))
			.isEqualTo("CREATE FUNCTION a()");
		assertThat(problem(() -> DeclarationStatements.decode(
				"CREATE FUNCTION a()\nRETURNS text AS 'a\0b'".getBytes(StandardCharsets.UTF_8), "x.sql")))
			.startsWith("x.sql:2:19: the file holds a NUL character");
		byte[] latin1 = "-- ok\nSELECT 'caf\u00e9'".getBytes(StandardCharsets.ISO_8859_1);
		assertThat(problem(() -> DeclarationStatements.decode(latin1, "x.sql")))
			.startsWith("x.sql:2:12: byte 0xE9 is not UTF-8");
	}

	private static String problem(Runnable action) {
		DeclarationException ex = catchThrowableOfType(DeclarationException.class, action::run);
		assertThat(ex.problems()).hasSize(1);
		return ex.problems().get(0).location() + ": " + ex.problems().get(0).message();
	}

	/** Runs {@code text} through the sandbox as a scanner that misread its head would have sent it. */
	private CanonicalCatalog canonicalizeAsMisread(String text, int objectEnd) throws SQLException {
		DeclaredStatement misread = new DeclaredStatement(new PgFunction(text, DeclarationSource.file("evil.sql", 1)),
				new CreateStatement(text, "function", true, objectEnd), 1, null);
		try (Connection connection = this.database.connect()) {
			connection.setAutoCommit(false);
			try {
				Canonicalizer canonicalizer = new Canonicalizer(connection, ServerVersion.of(connection),
						new Scope(List.of("public"), EnumSet.of(ObjectKind.FUNCTION), List.of()),
						java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30));
				CanonicalCatalog canonical = canonicalizer.canonicalize(List.of(misread), CatalogSnapshot.of(List.of()),
						List.of());
				canonicalizer.discard();
				return canonical;
			}
			finally {
				connection.rollback();
			}
		}
	}

	private MigrationPlan plan(List<? extends Declaration> declarations) {
		Map<String, String> before = Catalogs.fingerprint(this.database);
		try {
			return new Planner(PlannerSettings.defaults()).plan(this.database.dataSource(), declarations);
		}
		finally {
			assertThat(Catalogs.fingerprint(this.database)).isEqualTo(before);
		}
	}

	private void assertNothingHappened() {
		assertThat(this.victim.queryString("SELECT count(*) FROM important")).isEqualTo("3");
		assertThat(this.database.queryString("SELECT count(*) FROM important")).isEqualTo("3");
		assertThat(this.database.queryString("SELECT is_called FROM s")).isEqualTo("f");
		assertThat(this.database.queryString("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'")).isEqualTo("0");
		assertThat(this.database.queryString("SELECT count(*) FROM pg_proc WHERE proname IN ('f', 'h')")).isEqualTo("0");
		assertThat(this.database.queryString("SELECT to_regclass('public.p')")).isNull();
	}

	private static String connectionString(TestDatabase database) {
		java.net.URI uri = java.net.URI.create(database.url().substring("jdbc:".length()));
		StringBuilder conninfo = new StringBuilder("dbname=" + database.name() + " host=" + uri.getHost());
		if (uri.getPort() > 0) {
			conninfo.append(" port=").append(uri.getPort());
		}
		for (String parameter : String.valueOf(uri.getQuery()).split("&")) {
			if (parameter.startsWith("user=") || parameter.startsWith("password=")) {
				conninfo.append(' ').append(parameter);
			}
		}
		return conninfo.toString().replace("'", "");
	}
}

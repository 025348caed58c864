package io.pgautogen.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.pgautogen.declaration.DeclarationException;
import io.pgautogen.spring.app.TestApplications;
import io.pgautogen.test.Catalogs;
import io.pgautogen.test.TestDatabase;
import io.pgautogen.test.TestDatabaseExtension;

@ExtendWith({ TestDatabaseExtension.class, OutputCaptureExtension.class })
class PgAutogenApplicationTests {

	@TempDir
	Path migrations;

	@Test
	void reportModeLogsThePendingMigrationAndStarts(TestDatabase database, CapturedOutput output) {
		try (ConfigurableApplicationContext context = TestApplications.run(database, this.migrations)) {
			assertThat(output).contains("pgautogen: 3 pending changes to functions and triggers (schemas: public):",
					"create function public.audit_row() (db/pgautogen/audit.sql:2)",
					"create function public.order_total(bigint) (bean 'orderTotal')",
					"create trigger public.orders.orders_audit (db/pgautogen/audit.sql:10)",
					"CREATE TRIGGER orders_audit AFTER INSERT OR DELETE OR UPDATE ON public.orders",
					"Write it with spring.pgautogen.mode=write");
		}
		assertThat(this.migrations).isEmptyDirectory();
	}

	@Test
	void writeModeWritesAMigrationThatFlywayAppliesOnTheNextStart(TestDatabase database, CapturedOutput output)
			throws IOException {
		try (ConfigurableApplicationContext context = TestApplications.run(database, this.migrations,
				"spring.pgautogen.mode=write")) {
			assertThat(files()).containsExactly("V2__3_function_and_trigger_changes.sql");
			assertThat(output).contains("Wrote " + this.migrations.resolve("V2__3_function_and_trigger_changes.sql"));
		}
		try (ConfigurableApplicationContext context = TestApplications.run(database, this.migrations,
				"spring.pgautogen.mode=fail")) {
			assertThat(context.getBean(PgAutogen.class).plan().inSync()).isTrue();
			assertThat(output).contains("pgautogen: the database is in sync with the declared functions and triggers");
		}
		database.execute("INSERT INTO orders (id) VALUES (1)");
		assertThat(database.queryString("SELECT operation FROM audit_log")).isEqualTo("INSERT");
	}

	@Test
	void writeModeDoesNotWriteTheSameMigrationTwice(TestDatabase database, CapturedOutput output) throws IOException {
		String notApplied = "spring.flyway.locations=classpath:db/migration";
		TestApplications.run(database, this.migrations, "spring.pgautogen.mode=write", notApplied).close();
		TestApplications.run(database, this.migrations, "spring.pgautogen.mode=write", notApplied).close();

		assertThat(files()).hasSize(1);
		assertThat(output).contains("already holds 3 of the 3 pending changes",
				"which is not one of Flyway's locations: Flyway will not apply them");
	}

	@Test
	void aDatasourceUrlInTheEnvironmentDoesNotRedirectTheTests(TestDatabase database, CapturedOutput output) {
		// What exporting SPRING_DATASOURCE_URL does, as the README's table shows, in the JVM's own terms.
		System.setProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/nowhere");
		try (ConfigurableApplicationContext context = TestApplications.run(database, this.migrations)) {
			assertThat(output).contains("pgautogen: 3 pending changes to functions and triggers");
		}
		finally {
			System.clearProperty("spring.datasource.url");
		}
	}

	@Test
	void anObjectThatAnAppliedMigrationCreatedAndALaterOneDroppedCanBeDeclaredAgain(TestDatabase database,
			CapturedOutput output) throws IOException {
		TestApplications.run(database, this.migrations, "spring.pgautogen.mode=write").close();
		TestApplications.run(database, this.migrations).close();
		Files.writeString(this.migrations.resolve("V3__drop_audit.sql"), """
				DROP TRIGGER orders_audit ON orders;
				DROP FUNCTION audit_row();
				DROP FUNCTION order_total(bigint);
				""");

		TestApplications.run(database, this.migrations, "spring.pgautogen.mode=write").close();

		assertThat(files()).containsExactly("V2__3_function_and_trigger_changes.sql", "V3__drop_audit.sql",
				"V4__3_function_and_trigger_changes.sql");
		assertThat(output).doesNotContain("already holds");
	}

	@Test
	void anApplicationOnAnotherSchemaPlansItWithUnqualifiedDeclarations(TestDatabase database, CapturedOutput output) {
		try (ConfigurableApplicationContext context = TestApplications.run(database, this.migrations,
				"spring.flyway.default-schema=app", "spring.flyway.locations=classpath:schema-app/migration",
				"spring.pgautogen.locations=classpath:schema-app/pgautogen/*.sql")) {
			assertThat(output).contains("pgautogen: 3 pending changes to functions and triggers (schemas: app):",
					"create function app.touch()", "create trigger app.orders.orders_touch");
		}
	}

	@Test
	void removingTheLastTriggerDeclarationIsReportedNotSilent(TestDatabase database, CapturedOutput output) {
		TestApplications.run(database, this.migrations, "spring.pgautogen.mode=write").close();
		TestApplications.run(database, this.migrations).close();

		TestApplications.run(database, this.migrations, "spring.pgautogen.locations=classpath:functions-only/*.sql")
			.close();

		assertThat(output).contains("pgautogen: no trigger is declared any more, so triggers are no longer managed",
				"Set spring.pgautogen.manage=triggers to have undeclared triggers dropped",
				"pgautogen: the database is in sync with the declared functions (schemas: public)");
	}

	@Test
	void reportModeShowsWhatChangesAsADiff(TestDatabase database, CapturedOutput output) {
		TestApplications.run(database, this.migrations, "spring.pgautogen.mode=write",
				"spring.pgautogen.description=orders audit").close();
		database.execute("CREATE OR REPLACE FUNCTION order_total(o bigint) RETURNS numeric LANGUAGE sql STABLE"
				+ " AS $$ SELECT 0::numeric $$");

		TestApplications.run(database, this.migrations, "spring.flyway.enabled=false").close();

		assertThat(this.migrations.resolve("V2__orders_audit.sql")).exists();
		assertThat(output).contains("What changes:", "--- current/public.order_total(bigint)",
				"-AS $function$ SELECT 0::numeric $function$");
	}

	@Test
	void failModeFailsStartupListingTheChanges(TestDatabase database, CapturedOutput output) {
		assertThatThrownBy(() -> TestApplications.run(database, this.migrations, "spring.pgautogen.mode=fail"))
			.isInstanceOf(PgAutogenOutOfSyncException.class);
		assertThat(output).contains("APPLICATION FAILED TO START",
				"The database is not in sync with the declared functions and triggers (3 pending changes):",
				"create trigger public.orders.orders_audit (db/pgautogen/audit.sql:10)",
				"Generate the migration (start with spring.pgautogen.mode=write");
	}

	@Test
	void reportModeLogsInvalidDeclarationsAndStartsAnyway(TestDatabase database, CapturedOutput output) {
		try (ConfigurableApplicationContext context = TestApplications.run(database, this.migrations,
				"spring.pgautogen.locations=classpath:broken/*.sql")) {
			assertThat(output).contains("pgautogen could not plan the migration.",
					"broken.sql:3:3: syntax error at or near \"RETRUN\" [SQLSTATE 42601]");
		}
	}

	@Test
	void writeModeFailsStartupOnInvalidDeclarationsAndChangesNothing(TestDatabase database, CapturedOutput output) {
		TestApplications.run(database, this.migrations, "spring.pgautogen.mode=off").close();
		var fingerprint = Catalogs.fingerprint(database);

		assertThatThrownBy(() -> TestApplications.run(database, this.migrations, "spring.pgautogen.mode=write",
				"spring.pgautogen.locations=classpath:broken/*.sql"))
			.isInstanceOf(DeclarationException.class);

		assertThat(output).contains("APPLICATION FAILED TO START", "broken.sql:3:3",
				"pgautogen left the database unchanged");
		assertThat(Catalogs.fingerprint(database)).isEqualTo(fingerprint);
		assertThat(this.migrations).isEmptyDirectory();
	}

	@Test
	void offModeNeverTouchesTheDatabase(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new org.springframework.boot.builder.SpringApplicationBuilder(
				io.pgautogen.spring.app.TestApplication.class)
			.web(org.springframework.boot.WebApplicationType.NONE)
			.properties("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/unreachable?connectTimeout=1",
					"spring.flyway.enabled=false", "spring.liquibase.enabled=false", "spring.pgautogen.mode=off")
			.run()) {
			assertThat(context.getBean(PgAutogen.class)).isNotNull();
		}
		assertThat(output).doesNotContain("pgautogen:", "Connection refused");
	}

	private List<String> files() throws IOException {
		try (Stream<Path> files = Files.list(this.migrations)) {
			return files.map(path -> path.getFileName().toString())
				.filter(name -> !name.startsWith("."))
				.sorted()
				.toList();
		}
	}
}

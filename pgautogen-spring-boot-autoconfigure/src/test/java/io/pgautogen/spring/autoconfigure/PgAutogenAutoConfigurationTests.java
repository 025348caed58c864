package io.pgautogen.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.pgautogen.plan.Planner;
import io.pgautogen.plan.PlannerSettings;
import io.pgautogen.spring.PgAutogen;
import io.pgautogen.spring.PgAutogenApplicationRunner;
import io.pgautogen.spring.PgAutogenDeclarations;
import io.pgautogen.spring.actuate.PgAutogenEndpoint;
import io.pgautogen.spring.actuate.PgAutogenEndpointWebExtension;
import io.pgautogen.test.TestDatabase;
import io.pgautogen.writer.FlywayMigrationWriter;
import io.pgautogen.writer.LiquibaseMigrationWriter;
import io.pgautogen.writer.MigrationWriter;
import io.pgautogen.writer.SqlMigrationWriter;

import liquibase.integration.spring.SpringLiquibase;

class PgAutogenAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PgAutogenAutoConfiguration.class));

	@Test
	void backsOffWithoutADataSource() {
		this.runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PgAutogen.class));
	}

	@Test
	void twoDataSourcesWithoutAChoiceAreExplainedInsteadOfSilence() {
		this.runner.withUserConfiguration(TwoDataSources.class).run(context -> {
			assertThat(context).hasNotFailed().hasSingleBean(PgAutogen.class);
			assertThatThrownBy(() -> context.getBean(PgAutogen.class).plan())
				.hasMessageContaining("cannot tell which of the application's 2 data sources to plan against")
				.hasMessageContaining("@PgAutogenDataSource")
				.hasMessageContaining("spring.pgautogen.url");
		});
	}

	@Test
	void plansAgainstTheDataSourceMarkedForIt(@TempDir java.nio.file.Path declarations) throws Exception {
		try (TestDatabase mine = TestDatabase.create(); TestDatabase other = TestDatabase.create()) {
			this.runner.withBean("other", DataSource.class, other::dataSource)
				.withBean("mine", DataSource.class, mine::dataSource,
						definition -> ((org.springframework.beans.factory.support.AbstractBeanDefinition) definition).addQualifier(new org.springframework.beans.factory.support.AutowireCandidateQualifier(PgAutogenDataSource.class)))
				.withPropertyValues(declare(declarations))
				.run(context -> assertThat(context.getBean(PgAutogen.class).plan().changes()).singleElement()
					.satisfies(change -> assertThat(change.identity()).isEqualTo("public.answer()")));
			mine.execute("CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42'");
			this.runner.withBean("other", DataSource.class, other::dataSource)
				.withBean("mine", DataSource.class, mine::dataSource,
						definition -> ((org.springframework.beans.factory.support.AbstractBeanDefinition) definition).addQualifier(new org.springframework.beans.factory.support.AutowireCandidateQualifier(PgAutogenDataSource.class)))
				.withPropertyValues(declare(declarations))
				.run(context -> assertThat(context.getBean(PgAutogen.class).plan().inSync()).isTrue());
		}
	}

	@Test
	void followsTheDataSourceFlywayMigrates(@TempDir java.nio.file.Path declarations) throws Exception {
		try (TestDatabase migrated = TestDatabase.create(); TestDatabase primary = TestDatabase.create()) {
			migrated.execute("CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42'");
			this.runner.withBean("primary", DataSource.class, primary::dataSource, definition -> definition.setPrimary(true))
				.withBean(Flyway.class, () -> Flyway.configure().dataSource(migrated.dataSource()).load())
				.withPropertyValues(declare(declarations))
				.run(context -> assertThat(context.getBean(PgAutogen.class).plan().inSync()).isTrue());
		}
	}

	@Test
	void itsOwnConnectionWinsWithTheRoleItNames(@TempDir java.nio.file.Path declarations) throws Exception {
		try (TestDatabase own = TestDatabase.create(); TestDatabase application = TestDatabase.create()) {
			own.execute("CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42'");
			java.util.List<String> properties = new java.util.ArrayList<>(java.util.List.of(declare(declarations)));
			properties.add("spring.pgautogen.url=" + own.url());
			this.runner.withBean("application", DataSource.class, application::dataSource)
				.withPropertyValues(properties.toArray(String[]::new))
				.run(context -> assertThat(context.getBean(PgAutogen.class).plan().inSync()).isTrue());
		}
	}

	private static String[] declare(java.nio.file.Path directory) throws java.io.IOException {
		java.nio.file.Files.writeString(directory.resolve("answer.sql"),
				"CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42';\n");
		return new String[] { "spring.pgautogen.locations=file:" + directory + "/*.sql" };
	}

	@Test
	void createsEveryBeanWithADataSourceWithoutTouchingTheDatabase() {
		this.runner.withUserConfiguration(UnreachableDataSource.class).run(context -> {
			assertThat(context).hasSingleBean(Planner.class)
				.hasSingleBean(PgAutogenDeclarations.class)
				.hasSingleBean(PgAutogen.class)
				.hasSingleBean(PgAutogenApplicationRunner.class)
				.getBean(MigrationWriter.class)
				.isInstanceOf(FlywayMigrationWriter.class);
			assertThat(context.getBean(PgAutogen.class).canWrite()).isTrue();
		});
	}

	@Test
	void canBeDisabled() {
		this.runner.withUserConfiguration(UnreachableDataSource.class)
			.withPropertyValues("spring.pgautogen.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(PgAutogen.class).doesNotHaveBean(Planner.class));
	}

	@Test
	void backsOffForTheApplicationsOwnBeans() {
		this.runner.withUserConfiguration(UnreachableDataSource.class, CustomBeans.class).run(context -> {
			assertThat(context.getBean(Planner.class)).isSameAs(context.getBean(CustomBeans.class).planner);
			assertThat(context.getBean(MigrationWriter.class)).isSameAs(context.getBean(CustomBeans.class).writer);
			assertThat(context.getBean(PgAutogenApplicationRunner.class))
				.isSameAs(context.getBean(CustomBeans.class).applicationRunner);
		});
	}

	@Test
	void writesPlainSqlWhenNoMigrationToolIsPresent() {
		this.runner.withUserConfiguration(UnreachableDataSource.class)
			.withClassLoader(new FilteredClassLoader(Flyway.class, SpringLiquibase.class))
			.run(context -> assertThat(context.getBean(MigrationWriter.class)).isInstanceOf(SqlMigrationWriter.class));
	}

	@Test
	void writesLiquibaseWhenOnlyLiquibaseIsPresent() {
		this.runner.withUserConfiguration(UnreachableDataSource.class)
			.withClassLoader(new FilteredClassLoader(Flyway.class))
			.run(context -> assertThat(context.getBean(MigrationWriter.class))
				.isInstanceOf(LiquibaseMigrationWriter.class)
				.extracting(MigrationWriter::directory)
				.isEqualTo(java.nio.file.Path.of("src/main/resources/db/changelog/pgautogen")));
	}

	@Test
	void flywayAndPlainSqlWriteWhereFlywayLooksByDefault() {
		this.runner.withUserConfiguration(UnreachableDataSource.class)
			.run(context -> assertThat(context.getBean(MigrationWriter.class).directory())
				.isEqualTo(java.nio.file.Path.of("src/main/resources/db/migration")));
		this.runner.withUserConfiguration(UnreachableDataSource.class)
			.withClassLoader(new FilteredClassLoader(Flyway.class, SpringLiquibase.class))
			.run(context -> assertThat(context.getBean(MigrationWriter.class).directory())
				.isEqualTo(java.nio.file.Path.of("src/main/resources/db/migration")));
	}

	@Test
	void theConfiguredFormatWins() {
		this.runner.withUserConfiguration(UnreachableDataSource.class)
			.withPropertyValues("spring.pgautogen.format=liquibase")
			.run(context -> assertThat(context.getBean(MigrationWriter.class))
				.isInstanceOf(LiquibaseMigrationWriter.class)
				.extracting(MigrationWriter::directory)
				.isEqualTo(java.nio.file.Path.of("src/main/resources/db/changelog/pgautogen")));
	}

	@Test
	void anEmptyOutputDirectoryDisablesWriting() {
		this.runner.withUserConfiguration(UnreachableDataSource.class)
			.withPropertyValues("spring.pgautogen.output-dir=")
			.run(context -> {
				assertThat(context).doesNotHaveBean(MigrationWriter.class);
				assertThat(context.getBean(PgAutogen.class).canWrite()).isFalse();
			});
	}

	@Test
	void bindsEveryProperty() {
		this.runner.withUserConfiguration(UnreachableDataSource.class)
			.withPropertyValues("spring.pgautogen.mode=fail", "spring.pgautogen.schemas=app,audit",
					"spring.pgautogen.manage=functions,triggers", "spring.pgautogen.exclude=public.legacy_*",
					"spring.pgautogen.lock-timeout=250ms", "spring.pgautogen.statement-timeout=1m",
					"spring.pgautogen.locations=classpath:sql/*.sql", "spring.pgautogen.flyway.undo=true",
					"spring.pgautogen.output-dir=build/migrations", "spring.pgautogen.format=sql")
			.run(context -> {
				PgAutogenProperties properties = context.getBean(PgAutogenProperties.class);
				assertThat(properties.getMode()).isEqualTo(PgAutogenApplicationRunner.Mode.FAIL);
				assertThat(properties.getSchemas()).containsExactly("app", "audit");
				assertThat(properties.getManage()).containsExactly(PgAutogenProperties.Kind.FUNCTIONS,
						PgAutogenProperties.Kind.TRIGGERS);
				assertThat(properties.getExclude()).containsExactly("public.legacy_*");
				assertThat(properties.getLockTimeout()).hasMillis(250);
				assertThat(properties.getStatementTimeout()).hasSeconds(60);
				assertThat(properties.getLocations()).containsExactly("classpath:sql/*.sql");
				assertThat(properties.getFlyway().isUndo()).isTrue();
				assertThat(properties.getOutputDir()).isEqualTo("build/migrations");
			});
	}

	@Test
	void anUnknownModeFailsWithTheAllowedValues() {
		this.runner.withUserConfiguration(UnreachableDataSource.class)
			.withPropertyValues("spring.pgautogen.mode=sometimes")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'spring.pgautogen.mode'")
				.hasStackTraceContaining("No enum constant io.pgautogen.spring.PgAutogenApplicationRunner.Mode.sometimes"));
	}

	@Test
	void aNonPositiveLockTimeoutIsRejected() {
		this.runner.withUserConfiguration(UnreachableDataSource.class)
			.withPropertyValues("spring.pgautogen.lock-timeout=0s")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("spring.pgautogen.lock-timeout")
				.hasMessageContaining("must be a positive duration"));
	}

	@Test
	void aTimeoutPostgresqlCannotHoldIsRejectedAtStartUp() {
		this.runner.withUserConfiguration(UnreachableDataSource.class)
			.withPropertyValues("spring.pgautogen.statement-timeout=30d")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("spring.pgautogen.statement-timeout")
				.hasMessageContaining("must be at most 2147483647ms"));
	}

	@Test
	void systemSchemasAreRejected() {
		this.runner.withUserConfiguration(UnreachableDataSource.class)
			.withPropertyValues("spring.pgautogen.schemas=pg_catalog")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("spring.pgautogen.schemas")
				.hasMessageContaining("Cannot inspect schema 'pg_catalog'"));
	}

	@Test
	void exposedEndpointIsCreatedWithItsWebExtension() {
		this.runner.withConfiguration(AutoConfigurations.of(PgAutogenEndpointAutoConfiguration.class,
				EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class))
			.withUserConfiguration(UnreachableDataSource.class)
			.withPropertyValues("management.endpoints.web.exposure.include=pgautogen")
			.run(context -> assertThat(context).hasSingleBean(PgAutogenEndpoint.class)
				.hasSingleBean(PgAutogenEndpointWebExtension.class));
	}

	@Test
	void endpointIsNotCreatedUnlessExposed() {
		this.runner.withConfiguration(AutoConfigurations.of(PgAutogenEndpointAutoConfiguration.class,
				EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class))
			.withUserConfiguration(UnreachableDataSource.class)
			.run(context -> assertThat(context).doesNotHaveBean(PgAutogenEndpoint.class));
	}

	@Test
	void endpointIsNotCreatedWithoutActuator() {
		this.runner.withConfiguration(AutoConfigurations.of(PgAutogenEndpointAutoConfiguration.class))
			.withUserConfiguration(UnreachableDataSource.class)
			.withPropertyValues("management.endpoints.web.exposure.include=pgautogen")
			.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PgAutogenEndpoint.class));
	}

	@Test
	void endpointIsNotCreatedWhenAccessIsNone() {
		this.runner.withConfiguration(AutoConfigurations.of(PgAutogenEndpointAutoConfiguration.class,
				EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class))
			.withUserConfiguration(UnreachableDataSource.class)
			.withPropertyValues("management.endpoints.web.exposure.include=pgautogen",
					"management.endpoint.pgautogen.access=NONE")
			.run(context -> assertThat(context).doesNotHaveBean(PgAutogenEndpoint.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UnreachableDataSource {

		@Bean
		DataSource dataSource() {
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setURL("jdbc:postgresql://127.0.0.1:1/unreachable?connectTimeout=1");
			return dataSource;
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoDataSources {

		@Bean
		DataSource first() {
			return new PGSimpleDataSource();
		}

		@Bean
		DataSource second() {
			return new PGSimpleDataSource();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomBeans {

		final Planner planner = new Planner(PlannerSettings.defaults());

		final MigrationWriter writer = new SqlMigrationWriter(java.nio.file.Path.of("custom"));

		final PgAutogenApplicationRunner applicationRunner = new PgAutogenApplicationRunner(
				new PgAutogen(new PGSimpleDataSource(), this.planner, null, null), PgAutogenApplicationRunner.Mode.OFF);

		@Bean
		Planner customPlanner() {
			return this.planner;
		}

		@Bean
		MigrationWriter customWriter() {
			return this.writer;
		}

		@Bean
		PgAutogenApplicationRunner customRunner() {
			return this.applicationRunner;
		}
	}
}

package io.pgautogen.spring.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import javax.sql.DataSource;


import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.util.ClassUtils;

import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.plan.Planner;
import io.pgautogen.plan.PlannerSettings;
import io.pgautogen.spring.PgAutogen;
import io.pgautogen.spring.PgAutogenApplicationRunner;
import io.pgautogen.spring.PgAutogenDeclarations;
import io.pgautogen.spring.autoconfigure.MigrationToolConfigurations.AppliedMigrations;
import io.pgautogen.spring.autoconfigure.MigrationToolConfigurations.KnownMigrationVersions;
import io.pgautogen.writer.FlywayMigrationWriter;
import io.pgautogen.writer.LiquibaseMigrationWriter;
import io.pgautogen.writer.MigrationFormat;
import io.pgautogen.writer.MigrationWriter;
import io.pgautogen.writer.SqlMigrationWriter;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for pgautogen. Ordered after Flyway and
 * Liquibase, so that it plans against the migrated database. Every bean backs off when the
 * application defines its own.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
		afterName = { "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
				"org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration" })
@ConditionalOnClass(Planner.class)
@Conditional(PgAutogenAutoConfiguration.DataSourceAvailable.class)
@ConditionalOnBooleanProperty(name = "spring.pgautogen.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PgAutogenProperties.class)
@Import({ MigrationToolConfigurations.FlywayConfiguration.class, MigrationToolConfigurations.LiquibaseConfiguration.class })
public final class PgAutogenAutoConfiguration {

	private static final String FLYWAY = "org.flywaydb.core.Flyway";

	private static final String LIQUIBASE = "liquibase.integration.spring.SpringLiquibase";

	@Bean
	@ConditionalOnMissingBean
	Planner pgAutogenPlanner(PgAutogenProperties properties, Environment environment) {
		Set<ObjectKind> manage = EnumSet.noneOf(ObjectKind.class);
		properties.getManage().forEach(kind -> manage.add(ObjectKind.fromLabel(kind.name())));
		requireTimeout("spring.pgautogen.lock-timeout", properties.getLockTimeout());
		requireTimeout("spring.pgautogen.statement-timeout", properties.getStatementTimeout());
		try {
			return new Planner(new PlannerSettings(schemas(properties, environment), manage, properties.getExclude(),
					properties.getLockTimeout(), properties.getStatementTimeout()));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("spring.pgautogen.schemas", properties.getSchemas(),
					ex.getMessage());
		}
	}

	@Bean
	@ConditionalOnMissingBean
	PgAutogenDeclarations pgAutogenDeclarations(ListableBeanFactory beanFactory, ResourcePatternResolver resources,
			PgAutogenProperties properties) {
		return new PgAutogenDeclarations(beanFactory, resources, properties.getLocations());
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnOutputDirCondition.class)
	MigrationWriter pgAutogenMigrationWriter(PgAutogenProperties properties, ListableBeanFactory beanFactory,
			ResourceLoader resourceLoader, ObjectProvider<KnownMigrationVersions> knownVersions,
			ObjectProvider<AppliedMigrations> appliedMigrations) {
		MigrationFormat format = format(properties, beanFactory, resourceLoader.getClassLoader());
		Path directory = Path.of(outputDirectory(properties, format));
		Predicate<Path> applied = file -> appliedMigrations.orderedStream().anyMatch(migrations -> migrations.test(file));
		return switch (format) {
			case FLYWAY -> {
				KnownMigrationVersions versions = knownVersions.getIfAvailable(() -> List::of);
				yield new FlywayMigrationWriter(directory).withUndo(properties.getFlyway().isUndo())
					.withOtherVersions(versions)
					.withAppliedMigrations(applied);
			}
			case LIQUIBASE -> new LiquibaseMigrationWriter(directory).withAppliedMigrations(applied);
			case SQL -> new SqlMigrationWriter(directory).withAppliedMigrations(applied);
		};
	}

	/** A data source bean, or pgautogen's own connection. */
	static final class DataSourceAvailable extends AnyNestedCondition {

		DataSourceAvailable() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(DataSource.class)
		static final class DataSourceBean {

		}

		@ConditionalOnProperty("spring.pgautogen.url")
		static final class OwnConnection {

		}
	}

	/**
	 * The configured schemas, else the migration tool's default schema when it has one (so that a
	 * Flyway or Liquibase application on schema {@code app} plans {@code app}), else none: the
	 * connection's current schema.
	 */
	static List<String> schemas(PgAutogenProperties properties, Environment environment) {
		if (!properties.getSchemas().isEmpty()) {
			return properties.getSchemas();
		}
		for (String tool : List.of("spring.flyway.default-schema", "spring.liquibase.default-schema")) {
			String schema = environment.getProperty(tool);
			if (schema != null && !schema.isBlank()) {
				return List.of(schema);
			}
		}
		return List.of();
	}

	/** The configured output directory, else where the format's migration tool looks by default. */
	static String outputDirectory(PgAutogenProperties properties, MigrationFormat format) {
		if (properties.getOutputDir() != null) {
			return properties.getOutputDir();
		}
		return (format == MigrationFormat.LIQUIBASE) ? "src/main/resources/db/changelog/pgautogen"
				: "src/main/resources/db/migration";
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	PgAutogen pgAutogen(PgAutogenProperties properties, @PgAutogenDataSource ObjectProvider<DataSource> qualified,
			ObjectProvider<PlanningDataSource.MigrationToolDataSource> migrationTool, ObjectProvider<DataSource> dataSources,
			Planner planner, PgAutogenDeclarations declarations, ObjectProvider<MigrationWriter> writer) {
		return new PgAutogen(PlanningDataSource.of(properties, qualified, migrationTool, dataSources), planner,
				declarations, writer.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	PgAutogenApplicationRunner pgAutogenApplicationRunner(PgAutogen pgAutogen, PgAutogenProperties properties,
			ObjectProvider<MigrationWriter> writer, ObjectProvider<MigrationToolConfigurations.ReadsFrom> readsFrom) {
		MigrationWriter migrationWriter = writer.getIfAvailable();
		MigrationToolConfigurations.ReadsFrom tool = readsFrom.getIfAvailable();
		if (properties.getMode() == PgAutogenApplicationRunner.Mode.WRITE && migrationWriter != null && tool != null
				&& !tool.test(migrationWriter.directory())) {
			LogFactory.getLog(PgAutogenApplicationRunner.class).warn("pgautogen writes migrations into "
					+ migrationWriter.directory().toAbsolutePath() + ", which is not one of Flyway's locations: Flyway will"
					+ " not apply them. Set spring.pgautogen.output-dir to one of spring.flyway.locations, or add it there.");
		}
		return new PgAutogenApplicationRunner(pgAutogen, properties.getMode()).withDescription(properties.getDescription());
	}

	/** The configured format, else the migration tool the application uses, else plain SQL. */
	static MigrationFormat format(PgAutogenProperties properties, ListableBeanFactory beanFactory,
			ClassLoader classLoader) {
		if (properties.getFormat() != null) {
			return properties.getFormat();
		}
		boolean flyway = ClassUtils.isPresent(FLYWAY, classLoader);
		boolean liquibase = ClassUtils.isPresent(LIQUIBASE, classLoader);
		if (flyway && hasBean(beanFactory, FLYWAY, classLoader)) {
			return MigrationFormat.FLYWAY;
		}
		if (liquibase && hasBean(beanFactory, LIQUIBASE, classLoader)) {
			return MigrationFormat.LIQUIBASE;
		}
		return flyway ? MigrationFormat.FLYWAY : liquibase ? MigrationFormat.LIQUIBASE : MigrationFormat.SQL;
	}

	private static boolean hasBean(ListableBeanFactory beanFactory, String type, ClassLoader classLoader) {
		return beanFactory.getBeanNamesForType(ClassUtils.resolveClassName(type, classLoader), true, false).length > 0;
	}

	private static void requireTimeout(String property, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(property, value, "must be a positive duration");
		}
		if (value.compareTo(PlannerSettings.MAX_TIMEOUT) > 0) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"must be at most " + PlannerSettings.MAX_TIMEOUT.toMillis() + "ms, the longest timeout PostgreSQL can hold");
		}
	}
}

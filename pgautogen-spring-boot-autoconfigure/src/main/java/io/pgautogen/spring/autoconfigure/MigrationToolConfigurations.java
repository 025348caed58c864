package io.pgautogen.spring.autoconfigure;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.pgautogen.writer.MigrationWriteException;

import liquibase.integration.spring.SpringLiquibase;

/**
 * What pgautogen's writers learn from the migration tool the application runs: which versions it
 * knows besides the output directory, and which files it has applied already. Each is read when a
 * migration is written, never at start-up.
 */
final class MigrationToolConfigurations {

	private MigrationToolConfigurations() {
	}

	/** Versions a migration tool knows of besides the output directory, which new versions must follow. */
	@FunctionalInterface
	interface KnownMigrationVersions extends Supplier<Collection<String>> {

	}

	/** Whether the migration tool reads migrations from a directory. */
	@FunctionalInterface
	interface ReadsFrom extends Predicate<Path> {

	}

	/** Files of the output directory that the migration tool has applied. */
	@FunctionalInterface
	interface AppliedMigrations extends Predicate<Path> {

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Flyway.class)
	@ConditionalOnBean(Flyway.class)
	static class FlywayConfiguration {

		/** Versions from every Flyway location and from the schema history. */
		@Bean
		KnownMigrationVersions pgAutogenFlywayVersions(Flyway flyway) {
			return () -> Arrays.stream(flyway.info().all())
				.map(MigrationInfo::getVersion)
				.filter(Objects::nonNull)
				.map(MigrationVersion::getVersion)
				.filter(Objects::nonNull)
				.toList();
		}

		/** The database Flyway migrates. */
		@Bean
		PlanningDataSource.MigrationToolDataSource pgAutogenFlywayDataSource(Flyway flyway) {
			return () -> flyway.getConfiguration().getDataSource();
		}

		/**
		 * Whether a directory is one of Flyway's locations: a {@code filesystem:} location naming it,
		 * or a {@code classpath:} location it is the source of ({@code src/main/resources/<path>}).
		 */
		@Bean
		ReadsFrom pgAutogenFlywayLocations(Flyway flyway) {
			return directory -> {
				Path absolute = directory.toAbsolutePath().normalize();
				for (org.flywaydb.core.api.Location location : flyway.getConfiguration().getLocations()) {
					String path = location.getPath().replaceFirst("^/+", "");
					if (location.isFileSystem() && Path.of(location.getPath()).toAbsolutePath().normalize().equals(absolute)) {
						return true;
					}
					if (location.isClassPath() && (absolute.endsWith(Path.of("src/main/resources", path))
							|| absolute.endsWith(Path.of("src/test/resources", path)))) {
						return true;
					}
				}
				return false;
			};
		}

		/** Scripts Flyway's schema history records as applied, by file name. */
		@Bean
		AppliedMigrations pgAutogenFlywayAppliedMigrations(Flyway flyway) {
			return file -> {
				String name = file.getFileName().toString();
				return Arrays.stream(flyway.info().applied())
					.map(MigrationInfo::getScript)
					.filter(Objects::nonNull)
					.anyMatch(script -> script.equals(name) || script.endsWith("/" + name));
			};
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SpringLiquibase.class)
	@ConditionalOnBean(SpringLiquibase.class)
	static class LiquibaseConfiguration {

		/** The database Liquibase migrates. */
		@Bean
		PlanningDataSource.MigrationToolDataSource pgAutogenLiquibaseDataSource(SpringLiquibase liquibase) {
			return liquibase::getDataSource;
		}

		/** Changelog files Liquibase's DATABASECHANGELOG records as run, by file name. */
		@Bean
		AppliedMigrations pgAutogenLiquibaseAppliedMigrations(SpringLiquibase liquibase, DataSource dataSource) {
			DataSource source = (liquibase.getDataSource() != null) ? liquibase.getDataSource() : dataSource;
			String table = ((liquibase.getDefaultSchema() != null) ? liquibase.getDefaultSchema() + "." : "")
					+ ((liquibase.getDatabaseChangeLogTable() != null) ? liquibase.getDatabaseChangeLogTable()
							: "databasechangelog");
			return file -> appliedChangelogs(source, table.toLowerCase(java.util.Locale.ROOT))
				.stream()
				.anyMatch(path -> path.equals(file.getFileName().toString())
						|| path.endsWith("/" + file.getFileName()));
		}

		private static Set<String> appliedChangelogs(DataSource dataSource, String table) {
			Set<String> files = new HashSet<>();
			try (Connection connection = dataSource.getConnection();
					PreparedStatement exists = connection.prepareStatement("SELECT pg_catalog.to_regclass(?)")) {
				exists.setString(1, table);
				try (ResultSet rs = exists.executeQuery()) {
					if (!rs.next() || rs.getString(1) == null) {
						return files;
					}
				}
				try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT filename FROM " + table);
						ResultSet rs = query.executeQuery()) {
					while (rs.next()) {
						files.add(rs.getString(1));
					}
				}
			}
			catch (SQLException ex) {
				throw new MigrationWriteException("Could not read Liquibase's " + table + " to tell which changelogs ran: "
						+ ex.getMessage() + ". Nothing was written.", ex);
			}
			return files;
		}
	}
}

package io.pgautogen.spring.autoconfigure;

import java.util.function.Supplier;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.beans.factory.ObjectProvider;

import io.pgautogen.plan.PlanningException;

/**
 * Chooses the database pgautogen plans against, in this order: its own connection
 * ({@code spring.pgautogen.url}); the data source marked {@link PgAutogenDataSource}; the one the
 * migration tool migrates (Flyway's or Liquibase's, which follow {@code @FlywayDataSource},
 * {@code @LiquibaseDataSource} and their own {@code url}); the application's only or primary data
 * source. Chosen when planning starts, never at start-up.
 */
final class PlanningDataSource {

	/** The data source a migration tool migrates. */
	@FunctionalInterface
	interface MigrationToolDataSource extends Supplier<DataSource> {

	}

	private PlanningDataSource() {
	}

	static Supplier<DataSource> of(PgAutogenProperties properties, ObjectProvider<DataSource> qualified,
			ObjectProvider<MigrationToolDataSource> migrationTool, ObjectProvider<DataSource> all) {
		if (properties.getUrl() != null && !properties.getUrl().isBlank()) {
			PGSimpleDataSource own = new PGSimpleDataSource();
			own.setURL(properties.getUrl());
			if (properties.getUser() != null) {
				own.setUser(properties.getUser());
			}
			if (properties.getPassword() != null) {
				own.setPassword(properties.getPassword());
			}
			return () -> own;
		}
		return () -> {
			DataSource chosen = qualified.getIfAvailable();
			if (chosen == null) {
				chosen = migrationTool.orderedStream().map(Supplier::get).filter(java.util.Objects::nonNull).findFirst()
					.orElse(null);
			}
			if (chosen == null) {
				chosen = all.getIfUnique();
			}
			if (chosen == null) {
				throw new PlanningException("pgautogen cannot tell which of the application's "
						+ all.stream().count() + " data sources to plan against: none is @Primary, marked"
						+ " @PgAutogenDataSource, or used by Flyway or Liquibase. What to do: mark the data source your"
						+ " migrations run on with @PgAutogenDataSource, or give pgautogen its own connection with"
						+ " spring.pgautogen.url (and .user, .password). Nothing was changed.");
			}
			return chosen;
		};
	}
}

package io.pgautogen.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.postgresql.ds.PGSimpleDataSource;

import io.pgautogen.embedded.EmbeddedPostgresServer;

import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

/**
 * The database the plugin plans against: the one {@code url} names, or a shadow database — an
 * embedded PostgreSQL started for the goal, into which the project's own Flyway migrations or
 * Liquibase changelog are applied first. Nothing is left running after {@link #close()}.
 */
final class ShadowDatabase implements AutoCloseable {

	private final DataSource dataSource;

	private final EmbeddedPostgresServer server;

	private final List<String> appliedScripts;

	private final List<String> knownVersions;

	private ShadowDatabase(DataSource dataSource, EmbeddedPostgresServer server, List<String> appliedScripts,
			List<String> knownVersions) {
		this.dataSource = dataSource;
		this.server = server;
		this.appliedScripts = appliedScripts;
		this.knownVersions = knownVersions;
	}

	/** The database {@code url} names, as it is: nothing is applied to it. */
	static ShadowDatabase existing(String url, String user, String password) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(url);
		if (user != null) {
			dataSource.setUser(user);
		}
		if (password != null) {
			dataSource.setPassword(password);
		}
		return new ShadowDatabase(dataSource, null, List.of(), List.of());
	}

	/** An embedded server with the project's Flyway migrations applied. */
	static ShadowDatabase withFlyway(List<String> locations, String defaultSchema, Consumer<String> log) {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.startTemporary();
		try {
			log.accept("Shadow database: " + server.describe());
			server.createDatabaseIfMissing("shadow");
			DataSource dataSource = dataSource(server);
			var configuration = Flyway.configure().dataSource(dataSource).locations(locations.toArray(String[]::new));
			if (defaultSchema != null) {
				configuration.defaultSchema(defaultSchema);
			}
			Flyway flyway = configuration.load();
			int applied = flyway.migrate().migrationsExecuted;
			log.accept("Applied " + applied + " Flyway migration(s) from " + String.join(", ", locations));
			List<String> scripts = Arrays.stream(flyway.info().applied()).map(MigrationInfo::getScript).toList();
			List<String> versions = Arrays.stream(flyway.info().all())
				.map(MigrationInfo::getVersion)
				.filter(Objects::nonNull)
				.map(MigrationVersion::getVersion)
				.toList();
			return new ShadowDatabase(dataSource, server, scripts, versions);
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	/** An embedded server with the project's Liquibase changelog applied. */
	static ShadowDatabase withLiquibase(Path resources, String changelog, Consumer<String> log) throws Exception {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.startTemporary();
		try {
			log.accept("Shadow database: " + server.describe());
			server.createDatabaseIfMissing("shadow");
			DataSource dataSource = dataSource(server);
			List<String> files = new ArrayList<>();
			try (Connection connection = dataSource.getConnection()) {
				Database database = DatabaseFactory.getInstance()
					.findCorrectDatabaseImplementation(new JdbcConnection(connection));
				try (Liquibase liquibase = new Liquibase(changelog, new DirectoryResourceAccessor(resources), database)) {
					liquibase.update();
				}
			}
			try (Connection connection = dataSource.getConnection();
					var statement = connection.createStatement();
					var rs = statement.executeQuery("SELECT DISTINCT filename FROM databasechangelog")) {
				while (rs.next()) {
					files.add(rs.getString(1));
				}
			}
			log.accept("Applied the Liquibase changelog " + changelog + " (" + files.size() + " file(s))");
			return new ShadowDatabase(dataSource, server, files, List.of());
		}
		catch (Exception ex) {
			server.close();
			throw ex;
		}
	}

	/** An embedded server with nothing applied: the project has no migrations yet. */
	static ShadowDatabase empty(Consumer<String> log) {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.startTemporary();
		log.accept("Shadow database: " + server.describe() + ", no migrations found to apply");
		server.createDatabaseIfMissing("shadow");
		return new ShadowDatabase(dataSource(server), server, List.of(), List.of());
	}

	private static DataSource dataSource(EmbeddedPostgresServer server) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(server.jdbcUrl("shadow"));
		return dataSource;
	}

	DataSource dataSource() {
		return this.dataSource;
	}

	/** Whether the migration tool applied {@code file} to this database. */
	boolean applied(Path file) {
		String name = file.getFileName().toString();
		return this.appliedScripts.stream()
			.filter(Objects::nonNull)
			.anyMatch(script -> script.equals(name) || script.endsWith("/" + name));
	}

	/** Versions Flyway knows of, in every location. */
	List<String> knownVersions() {
		return this.knownVersions;
	}

	static boolean hasFiles(Path directory) {
		try (var files = Files.list(directory)) {
			return files.findAny().isPresent();
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		if (this.server != null) {
			this.server.close();
		}
	}
}

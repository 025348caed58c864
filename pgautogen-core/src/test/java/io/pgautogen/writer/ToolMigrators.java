package io.pgautogen.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;

import io.pgautogen.plan.MigrationPlan;
import io.pgautogen.sql.SqlStatement;
import io.pgautogen.sql.SqlStatements;
import io.pgautogen.test.Invariant.Migrator;
import io.pgautogen.test.TestDatabase;

import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;

/** Applies plans by writing migration files and running the real tool on them. */
final class ToolMigrators {

	private ToolMigrators() {
	}

	static Migrator of(MigrationFormat format, Path directory) {
		return switch (format) {
			case FLYWAY -> new FlywayMigrator(directory);
			case LIQUIBASE -> new LiquibaseMigrator(directory);
			case SQL -> new PlainSqlMigrator(directory);
		};
	}

	/** Writes V and U files, migrates with Flyway; the undo runs as a later versioned migration, as Flyway OSS cannot undo. */
	static final class FlywayMigrator implements Migrator {

		private final Path directory;

		FlywayMigrator(Path directory) {
			this.directory = directory;
		}

		@Override
		public void upgrade(TestDatabase database, MigrationPlan plan) {
			WriteResult result = new FlywayMigrationWriter(this.directory).withUndo(true).write(plan, "upgrade");
			assertThat(result.outcome()).isIn(WriteResult.Outcome.WRITTEN, WriteResult.Outcome.IN_SYNC);
			migrate(database, this.directory);
		}

		@Override
		public void downgrade(TestDatabase database, MigrationPlan plan) {
			Optional<Path> undo = find(this.directory, "U");
			if (undo.isEmpty()) {
				return;
			}
			try {
				Path applied = Files.createDirectories(this.directory.resolve("undo"));
				String name = undo.get().getFileName().toString().replaceFirst("^U\\d+__", "V1000__undo_");
				Files.copy(undo.get(), applied.resolve(name));
				Path conf = Path.of(undo.get() + ".conf");
				if (Files.exists(conf)) {
					Files.copy(conf, applied.resolve(name + ".conf"));
				}
				migrate(database, this.directory, applied);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private static void migrate(TestDatabase database, Path... locations) {
			Flyway.configure()
				.dataSource(database.dataSource())
				.locations(Stream.of(locations).map(path -> "filesystem:" + path).toArray(String[]::new))
				.baselineOnMigrate(true)
				.baselineVersion("0")
				.load()
				.migrate();
		}
	}

	/** Writes a formatted SQL changelog, runs Liquibase update on it, and rollback with count 1. */
	static final class LiquibaseMigrator implements Migrator {

		private final Path directory;

		LiquibaseMigrator(Path directory) {
			this.directory = directory;
		}

		@Override
		public void upgrade(TestDatabase database, MigrationPlan plan) {
			WriteResult result = new LiquibaseMigrationWriter(this.directory).write(plan, "upgrade");
			if (result.outcome() == WriteResult.Outcome.WRITTEN) {
				run(database, liquibase -> liquibase.update());
			}
		}

		@Override
		public void downgrade(TestDatabase database, MigrationPlan plan) {
			if (find(this.directory, "").isPresent()) {
				run(database, liquibase -> liquibase.rollback(1, (String) null));
			}
		}

		private void run(TestDatabase database, LiquibaseWork work) {
			String changelog = find(this.directory, "").orElseThrow().getFileName().toString();
			try (Connection connection = database.connect()) {
				Database liquibaseDatabase = DatabaseFactory.getInstance()
					.findCorrectDatabaseImplementation(new JdbcConnection(connection));
				try (Liquibase liquibase = new Liquibase(changelog, new DirectoryResourceAccessor(this.directory),
						liquibaseDatabase)) {
					work.run(liquibase);
				}
			}
			catch (Exception ex) {
				throw new IllegalStateException("Liquibase failed: " + ex.getMessage(), ex);
			}
		}

		@FunctionalInterface
		private interface LiquibaseWork {

			void run(Liquibase liquibase) throws Exception;
		}
	}

	/** Writes .up.sql and .down.sql and runs them statement by statement as psql would, under an empty search_path. */
	static final class PlainSqlMigrator implements Migrator {

		private final Path directory;

		PlainSqlMigrator(Path directory) {
			this.directory = directory;
		}

		@Override
		public void upgrade(TestDatabase database, MigrationPlan plan) {
			new SqlMigrationWriter(this.directory).write(plan, "upgrade");
			find(this.directory, "", ".up.sql").ifPresent(file -> run(database, file));
		}

		@Override
		public void downgrade(TestDatabase database, MigrationPlan plan) {
			find(this.directory, "", ".down.sql").ifPresent(file -> run(database, file));
		}

		private static void run(TestDatabase database, Path file) {
			try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
				statement.setEscapeProcessing(false);
				statement.execute("SET search_path = ''");
				for (SqlStatement sql : SqlStatements.split(Files.readString(file, StandardCharsets.UTF_8))) {
					statement.execute(sql.sql());
				}
			}
			catch (IOException | SQLException ex) {
				throw new IllegalStateException(file + ": " + ex.getMessage(), ex);
			}
		}
	}

	private static Optional<Path> find(Path directory, String prefix) {
		return find(directory, prefix, ".sql");
	}

	private static Optional<Path> find(Path directory, String prefix, String suffix) {
		if (!Files.isDirectory(directory)) {
			return Optional.empty();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(path -> path.getFileName().toString().startsWith(prefix)
					&& path.getFileName().toString().endsWith(suffix) && Files.isRegularFile(path))
				.findFirst();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}

package io.pgautogen.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.pgautogen.declaration.PgFunction;
import io.pgautogen.plan.MigrationPlan;
import io.pgautogen.plan.Planner;
import io.pgautogen.plan.PlannerSettings;
import io.pgautogen.test.TestDatabase;
import io.pgautogen.test.TestDatabaseExtension;
import io.pgautogen.writer.WriteResult.Outcome;

/**
 * Writers racing for one directory, as threads (endpoint requests, the runner) and as separate
 * processes (two applications, a build): one migration is written, every other writer is told the
 * changes are already pending, and nothing else is left in the directory.
 */
@ExtendWith(TestDatabaseExtension.class)
class ConcurrentWritesTest {

	private static final List<PgFunction> DECLARATIONS = List.of(
			PgFunction.of("CREATE FUNCTION one() RETURNS int LANGUAGE sql AS 'SELECT 1'"),
			PgFunction.of("CREATE FUNCTION two() RETURNS int LANGUAGE sql AS 'SELECT 2'"));

	@TempDir
	Path root;

	@ParameterizedTest
	@EnumSource(MigrationFormat.class)
	void threadsWriteOneMigrationBetweenThem(MigrationFormat format, TestDatabase database) throws Exception {
		MigrationPlan plan = new Planner(PlannerSettings.defaults()).plan(database.dataSource(), DECLARATIONS);
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			for (int round = 0; round < 15; round++) {
				Path directory = seeded(format, "threads-" + round);
				CountDownLatch start = new CountDownLatch(1);
				List<Future<WriteResult>> results = new ArrayList<>();
				for (int i = 0; i < 8; i++) {
					String description = "request " + i;
					results.add(threads.submit(() -> {
						start.await();
						return writer(format, directory).write(plan, description);
					}));
				}
				start.countDown();
				List<Outcome> outcomes = new ArrayList<>();
				for (Future<WriteResult> result : results) {
					outcomes.add(result.get(60, TimeUnit.SECONDS).outcome());
				}
				assertOneMigration(format, directory, outcomes);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@ParameterizedTest
	@EnumSource(MigrationFormat.class)
	void processesWriteOneMigrationBetweenThem(MigrationFormat format, TestDatabase database) throws Exception {
		for (int round = 0; round < 3; round++) {
			Path directory = seeded(format, "processes-" + round);
			Path go = this.root.resolve("go-" + format + "-" + round);
			List<Process> processes = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				processes.add(new ProcessBuilder(javaCommand(), "-cp", System.getProperty("java.class.path"),
						WriterProcess.class.getName(), format.name(), directory.toString(), database.url(), go.toString(),
						"process " + i)
					.redirectErrorStream(true)
					.start());
			}
			for (Process process : processes) {
				assertThat(nextLine(process)).isEqualTo("ready");
			}
			Files.createFile(go);
			List<Outcome> outcomes = new ArrayList<>();
			for (Process process : processes) {
				outcomes.add(Outcome.valueOf(nextLine(process)));
				assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			}
			assertOneMigration(format, directory, outcomes);
		}
	}

	private Path seeded(MigrationFormat format, String name) throws IOException {
		Path directory = Files.createDirectories(this.root.resolve(format + "-" + name));
		if (format == MigrationFormat.FLYWAY) {
			Files.writeString(directory.resolve("V1__init.sql"), "CREATE TABLE t (id int);\n");
		}
		return directory;
	}

	private static void assertOneMigration(MigrationFormat format, Path directory, List<Outcome> outcomes)
			throws IOException {
		assertThat(outcomes).filteredOn(outcome -> outcome == Outcome.WRITTEN).hasSize(1);
		assertThat(outcomes).filteredOn(outcome -> outcome == Outcome.ALREADY_PENDING).hasSize(outcomes.size() - 1);
		List<String> names;
		try (Stream<Path> files = Files.list(directory)) {
			names = files.map(file -> file.getFileName().toString()).sorted().toList();
		}
		List<String> migrations = names.stream().filter(name -> !name.equals(DirectoryLock.NAME)).toList();
		switch (format) {
			case FLYWAY -> assertThat(migrations).hasSize(2).contains("V1__init.sql").anyMatch(name -> name.startsWith("V2__"));
			case LIQUIBASE -> assertThat(migrations).hasSize(1).allMatch(name -> name.endsWith(".sql"));
			case SQL -> assertThat(migrations).hasSize(2)
				.anyMatch(name -> name.endsWith(".up.sql"))
				.anyMatch(name -> name.endsWith(".down.sql"));
		}
	}

	static MigrationWriter writer(MigrationFormat format, Path directory) {
		return switch (format) {
			case FLYWAY -> new FlywayMigrationWriter(directory);
			case LIQUIBASE -> new LiquibaseMigrationWriter(directory);
			case SQL -> new SqlMigrationWriter(directory);
		};
	}

	private static String javaCommand() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static String nextLine(Process process) throws IOException {
		BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = reader.readLine()) != null) {
			if (line.startsWith("@")) {
				return line.substring(1);
			}
		}
		throw new IllegalStateException("The writer process ended without an answer");
	}

	/** One writer in a process of its own: plans, says ready, waits for the go file, writes. */
	public static final class WriterProcess {

		public static void main(String[] args) throws Exception {
			MigrationFormat format = MigrationFormat.valueOf(args[0]);
			Path directory = Path.of(args[1]);
			Path go = Path.of(args[3]);
			org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
			dataSource.setURL(args[2]);
			MigrationPlan plan = new Planner(PlannerSettings.defaults()).plan(dataSource, DECLARATIONS);
			System.out.println("@ready");
			System.out.flush();
			while (!Files.exists(go)) {
				Thread.onSpinWait();
			}
			System.out.println("@" + writer(format, directory).write(plan, args[4]).outcome());
		}
	}
}

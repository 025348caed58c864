package io.pgautogen.benchmarks;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.postgresql.ds.PGSimpleDataSource;

import io.pgautogen.declaration.Declaration;
import io.pgautogen.declaration.PgFunction;
import io.pgautogen.declaration.PgTrigger;
import io.pgautogen.plan.BusyTableException;
import io.pgautogen.plan.Planner;
import io.pgautogen.plan.PlannerSettings;

/**
 * What planning costs the application's own writers: writer threads insert continuously into a
 * table that carries a declared trigger while pgautogen plans over and over (every application
 * start and every {@code GET /actuator/pgautogen} plans), and their insert latencies are compared
 * with the same writers without pgautogen, in the same run. A third phase keeps a long writer
 * transaction open on the table, the case where planning must wait for its lock; a fourth does the
 * same with the lock timeout pgautogen had before (5 s), to show what the bound is for.
 * <p>
 * Server as for {@link PlanningBenchmark}; {@code -Dpgautogen.load.seconds=20} per phase,
 * {@code -Dpgautogen.load.writers=4}. Loopback only, bounded in time. Exits non-zero if an insert
 * fails.
 */
public final class LockImpactBenchmark {

	private static final String DATABASE = "pgautogen_lock_benchmark";

	private static final String AUDIT = "CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
			+ " NEW.audited_at := now(); RETURN NEW; END $$";

	private static final String TRIGGER = "CREATE TRIGGER orders_audit BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit()";

	private static final List<Declaration> DECLARATIONS = List.of(PgFunction.of(AUDIT), PgTrigger.of(TRIGGER));

	public static void main(String[] args) throws Exception {
		String serverUrl = Arrays.stream(new String[] { System.getenv("PGAUTOGEN_BENCHMARK_JDBC_URL"),
				System.getenv("PGAUTOGEN_TEST_JDBC_URL"), "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres" })
			.filter(value -> value != null && !value.isBlank())
			.findFirst()
			.orElseThrow();
		Duration phase = Duration.ofSeconds(Integer.getInteger("pgautogen.load.seconds", 20));
		int writers = Integer.getInteger("pgautogen.load.writers", 4);
		Path output = Path.of((args.length > 0) ? args[0] : "target/benchmark");
		execute(serverUrl, "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)", "CREATE DATABASE " + DATABASE);
		String url = withDatabase(serverUrl, DATABASE);
		execute(url, "CREATE TABLE orders (id bigserial PRIMARY KEY, total numeric, audited_at timestamptz)", AUDIT, TRIGGER);
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(url);

		List<Phase> phases = new ArrayList<>();
		phases.add(run("writers alone (baseline)", url, dataSource, writers, phase, null, false));
		phases.add(run("writers + planning in a loop", url, dataSource, writers, phase, PlannerSettings.defaults(), false));
		phases.add(run("+ long transaction on the table", url, dataSource, writers, phase, PlannerSettings.defaults(), true));
		phases.add(run("same, lock timeout 5 s (before)", url, dataSource, writers, phase,
				PlannerSettings.defaults().withLockTimeout(Duration.ofSeconds(5)), true));
		execute(serverUrl, "DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");

		StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
				"%nLock impact: %d writers inserting into a table with a declared trigger, %d s per phase%n%n%-34s %8s %8s %8s %9s %7s %7s %6s %8s%n",
				writers, phase.toSeconds(), "phase", "inserts", "p50 ms", "p99 ms", "max ms", "failed", "plans", "busy",
				"p99/base"));
		double baseline = phases.get(0).percentile(0.99);
		for (Phase result : phases) {
			report.append(String.format(Locale.ROOT, "%-34s %8d %8.2f %8.2f %9.1f %7d %7d %6d %8.2f%n", result.name,
					result.latencies.length, result.percentile(0.5), result.percentile(0.99), result.max(), result.failed,
					result.plans, result.busy, result.percentile(0.99) / baseline));
		}
		System.out.print(report);
		Files.createDirectories(output);
		Files.writeString(output.resolve("lock-impact.txt"), report);
		if (phases.stream().anyMatch(result -> result.failed > 0)) {
			System.err.println("An insert failed while pgautogen planned: that must never happen.");
			System.exit(1);
		}
	}

	private static Phase run(String name, String url, PGSimpleDataSource dataSource, int writers, Duration length,
			PlannerSettings planning, boolean longTransaction) throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(writers + 1);
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger failed = new AtomicInteger();
		AtomicInteger plans = new AtomicInteger();
		AtomicInteger busy = new AtomicInteger();
		try (Connection holder = DriverManager.getConnection(url); Statement statement = holder.createStatement()) {
			if (longTransaction) {
				holder.setAutoCommit(false);
				statement.execute("INSERT INTO orders (total) VALUES (0)");
			}
			List<Future<long[]>> latencies = new ArrayList<>();
			for (int i = 0; i < writers; i++) {
				latencies.add(threads.submit(() -> insertUntilStopped(url, running, failed)));
			}
			if (planning != null) {
				threads.submit(() -> {
					Planner planner = new Planner(planning);
					while (running.get()) {
						try {
							planner.plan(dataSource, DECLARATIONS);
							plans.incrementAndGet();
						}
						catch (BusyTableException ex) {
							busy.incrementAndGet();
						}
					}
					return null;
				});
			}
			Thread.sleep(length.toMillis());
			running.set(false);
			List<Long> all = new ArrayList<>();
			for (Future<long[]> writer : latencies) {
				for (long latency : writer.get()) {
					all.add(latency);
				}
			}
			if (longTransaction) {
				holder.rollback();
			}
			threads.shutdown();
			threads.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
			Phase phase = new Phase(name, all.stream().mapToLong(Long::longValue).sorted().toArray(), failed.get(),
					plans.get(), busy.get());
			System.out.printf(Locale.ROOT, "%s: %d inserts, p99 %.2f ms, max %.1f ms, %d plans, %d busy%n", name,
					phase.latencies.length, phase.percentile(0.99), phase.max(), phase.plans, phase.busy);
			return phase;
		}
	}

	private static long[] insertUntilStopped(String url, AtomicBoolean running, AtomicInteger failed) throws SQLException {
		List<Long> latencies = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url);
				var insert = connection.prepareStatement("INSERT INTO orders (total) VALUES (?)")) {
			while (running.get()) {
				long start = System.nanoTime();
				try {
					insert.setInt(1, 1);
					insert.executeUpdate();
				}
				catch (SQLException ex) {
					failed.incrementAndGet();
				}
				latencies.add(System.nanoTime() - start);
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
			}
		}
		return latencies.stream().mapToLong(Long::longValue).toArray();
	}

	private static void execute(String url, String... statements) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	private static String withDatabase(String serverUrl, String database) {
		URI uri = URI.create(serverUrl.substring("jdbc:".length()));
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		String port = (uri.getPort() > 0) ? ":" + uri.getPort() : "";
		return "jdbc:" + uri.getScheme() + "://" + uri.getHost() + port + "/" + database + query;
	}

	/** One phase's insert latencies (nanoseconds, sorted) and counts. */
	private record Phase(String name, long[] latencies, int failed, int plans, int busy) {

		double percentile(double fraction) {
			if (this.latencies.length == 0) {
				return 0;
			}
			return this.latencies[Math.min(this.latencies.length - 1, (int) (fraction * this.latencies.length))] / 1e6;
		}

		double max() {
			return (this.latencies.length == 0) ? 0 : this.latencies[this.latencies.length - 1] / 1e6;
		}
	}
}

package io.pgautogen.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import io.pgautogen.benchmarks.Workload.Scenario;
import io.pgautogen.declaration.Declaration;
import io.pgautogen.catalog.ServerVersion;
import io.pgautogen.declaration.DeclarationStatements;
import io.pgautogen.kind.Kinds;
import io.pgautogen.plan.MigrationPlan;
import io.pgautogen.plan.PlanningException;
import io.pgautogen.plan.Planner;
import io.pgautogen.plan.PlannerSettings;
import io.pgautogen.sql.CreateStatement;
import io.pgautogen.writer.FlywayMigrationWriter;

/**
 * Measures planning for N = 100, 1 000 and 10 000 on two workloads, N functions and N triggers
 * (N/10 tables) and N views in chains of depth 5 (see {@link ViewWorkload}), in three scenarios,
 * phase by phase, and compares the total with the floor PostgreSQL sets on the same database in
 * the same run: the declared DDL executed once as one script in a rolled-back transaction, plus one
 * bulk read of the catalog.
 * <p>
 * Server: {@code PGAUTOGEN_BENCHMARK_JDBC_URL}, else {@code PGAUTOGEN_TEST_JDBC_URL}, else the
 * local server. Sizes: {@code -Dpgautogen.benchmark.sizes=100,1000,10000}; runs per measurement:
 * {@code -Dpgautogen.benchmark.runs=5} (median reported, after one warm-up).
 */
public final class PlanningBenchmark {

	private static final String DATABASE = "pgautogen_benchmark";

	private final String serverUrl;

	private final int runs;

	private final Path output;

	private PlanningBenchmark(String serverUrl, int runs, Path output) {
		this.serverUrl = serverUrl;
		this.runs = runs;
		this.output = output;
	}

	public static void main(String[] args) throws Exception {
		String url = firstNonBlank(System.getenv("PGAUTOGEN_BENCHMARK_JDBC_URL"), System.getenv("PGAUTOGEN_TEST_JDBC_URL"),
				"jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
		int[] sizes = Arrays.stream(System.getProperty("pgautogen.benchmark.sizes", "100,1000,10000").split(","))
			.mapToInt(size -> Integer.parseInt(size.trim()))
			.toArray();
		int runs = Integer.getInteger("pgautogen.benchmark.runs", 5);
		Path output = Path.of((args.length > 0) ? args[0] : "target/benchmark");
		new PlanningBenchmark(url, runs, output).run(sizes);
	}

	private void run(int[] sizes) throws Exception {
		List<Result> results = new ArrayList<>();
		String server = null;
		List<String> notes = new ArrayList<>();
		for (int n : sizes) {
			for (Workload workload : List.of(new RoutineWorkload(n), new ViewWorkload(n))) {
				DataSource dataSource = createDatabase(workload);
				server = serverVersion(dataSource);
				try {
					for (Scenario scenario : Scenario.values()) {
						results.add(measure(dataSource, workload.label(), n, scenario, workload.declarations(scenario)));
						System.out.println(results.get(results.size() - 1).line());
					}
				}
				catch (PlanningException ex) {
					if (!(ex.getCause() instanceof SQLException cause) || !"53200".equals(cause.getSQLState())) {
						throw ex;
					}
					notes.add(String.format(Locale.ROOT, "%s N=%d: not planned, the server's lock table is too small"
							+ " (max_locks_per_transaction = %s, max_connections = %s): planning takes a lock per"
							+ " declared view in one transaction", workload.label(), n, setting(dataSource,
									"max_locks_per_transaction"), setting(dataSource, "max_connections")));
					System.out.println(notes.get(notes.size() - 1));
					continue;
				}
				if (workload instanceof ViewWorkload views) {
					notes.add(queryCost(dataSource, views, n, find(results, views.label(), n, Scenario.IN_SYNC)));
				}
			}
		}
		dropDatabase();
		report(results, server, notes);
		reportParsing();
	}

	/**
	 * Reading one declaration file of many statements, which happens on every plan: must grow
	 * linearly with the number of statements.
	 */
	private static void reportParsing() {
		int[] counts = { 10_000, 20_000, 40_000 };
		long[] millis = new long[counts.length];
		for (int i = 0; i < counts.length; i++) {
			String script = "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$; -- one\n".repeat(counts[i]);
			DeclarationStatements.parseScript(script, "warm-up.sql");
			long start = System.nanoTime();
			int parsed = DeclarationStatements.parseScript(script, "many.sql").size();
			millis[i] = Math.max(1, (System.nanoTime() - start) / 1_000_000);
			System.out.printf(Locale.ROOT, "Parsing one file of %,d statements: %d ms (%d declarations)%n", counts[i],
					millis[i], parsed);
		}
		System.out.printf(Locale.ROOT, "Parsing growth 40 000 / 10 000 statements = %.1f (4 is linear)%n",
				(double) millis[2] / millis[0]);
	}

	/**
	 * What running the materialized views' queries would have cost, against what planning them did:
	 * planning never runs a view's query.
	 */
	private static String queryCost(DataSource dataSource, ViewWorkload workload, int n, Result inSync)
			throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			long start = System.nanoTime();
			drain(statement, "SELECT count(*), '' FROM (" + workload.materializedQuery() + ") q");
			long oneMs = (System.nanoTime() - start) / 1_000_000;
			return String.format(Locale.ROOT, "Views N=%d: one materialized view's query takes %d ms (%d rows x slow());"
					+ " running the %d declared WITH DATA would take ~%.1f s; planning them in sync took %d ms,"
					+ " with the plan's proof", n, oneMs, ViewWorkload.ROWS, workload.materializedViews(),
					oneMs * workload.materializedViews() / 1000.0, inSync.totalMs());
		}
	}

	private Result measure(DataSource dataSource, String workload, int n, Scenario scenario,
			List<Declaration> declarations) throws Exception {
		Planner planner = new Planner(PlannerSettings.defaults());
		Planner unproven = planner.withVerification(false);
		List<Sample> samples = new ArrayList<>();
		try (Connection connection = dataSource.getConnection()) {
			// Every rolled-back run leaves dead catalog rows; start each scenario from a clean catalog.
			try (Statement statement = connection.createStatement()) {
				statement.execute("VACUUM ANALYZE");
			}
			planner.plan(connection, declarations);
			floor(connection, declarations);
			for (int run = 0; run < this.runs; run++) {
				Path directory = Files.createTempDirectory("pgautogen-benchmark");
				HeapPeak heap = HeapPeak.start();
				long start = System.nanoTime();
				MigrationPlan plan = planner.plan(connection, declarations);
				long planned = System.nanoTime();
				new FlywayMigrationWriter(directory).write(plan, "benchmark");
				long rendered = System.nanoTime();
				long peak = heap.peakBytes();
				long unprovenStart = System.nanoTime();
				unproven.plan(connection, declarations);
				long unprovenPlan = System.nanoTime() - unprovenStart;
				samples.add(new Sample(plan.changes().size(), plan.timings().catalogRead().toNanos(),
						plan.timings().canonicalization().toNanos(), plan.timings().analysis().toNanos(),
						rendered - planned, rendered - start, unprovenPlan + (rendered - planned),
						floor(connection, declarations), peak));
				deleteRecursively(directory);
			}
		}
		return Result.of(workload, n, scenario, samples);
	}

	/**
	 * What PostgreSQL itself needs: the declared DDL as one script inside a transaction that is
	 * rolled back (as the sandbox sends it: materialized views dropped first and created
	 * {@code WITH NO DATA}), and one bulk read of the declared kinds. Both pgautogen and the floor
	 * are timed on an open connection.
	 */
	private static long floor(Connection connection, List<Declaration> declarations) throws SQLException {
		ServerVersion server = ServerVersion.of(connection);
		StringBuilder script = new StringBuilder();
		for (Declaration declaration : declarations) {
			CreateStatement head = CreateStatement.parse(declaration.sql()).orElseThrow();
			if (head.createsMaterializedView()) {
				script.append("DROP MATERIALIZED VIEW IF EXISTS ").append(head.objectName().orElseThrow().name())
					.append(" CASCADE;\n");
			}
		}
		for (Declaration declaration : declarations) {
			CreateStatement head = CreateStatement.parse(declaration.sql()).orElseThrow();
			script.append(Kinds.of(declaration.kind()).sandboxStatement(head, server).sql()).append(";\n");
		}
		try (Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.setEscapeProcessing(false);
			long start = System.nanoTime();
			statement.execute(script.toString());
			connection.rollback();
			statement.execute("SELECT set_config('search_path', '', true)");
			drain(statement, "SELECT p.oid::regprocedure::text, pg_get_functiondef(p.oid) FROM pg_proc p"
					+ " WHERE p.pronamespace = 'public'::regnamespace AND p.prokind IN ('f', 'p')");
			drain(statement, "SELECT t.oid, pg_get_triggerdef(t.oid) FROM pg_trigger t"
					+ " JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = 'public'::regnamespace"
					+ " AND NOT t.tgisinternal");
			drain(statement, "SELECT c.oid, pg_get_viewdef(c.oid) FROM pg_class c"
					+ " WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('v', 'm')");
			long elapsed = System.nanoTime() - start;
			connection.rollback();
			connection.setAutoCommit(true);
			return elapsed;
		}
	}

	private static void drain(Statement statement, String sql) throws SQLException {
		try (ResultSet rs = statement.executeQuery(sql)) {
			while (rs.next()) {
				rs.getString(2);
			}
		}
	}

	private DataSource createDatabase(Workload workload) throws SQLException {
		dropDatabase();
		try (Connection connection = DriverManager.getConnection(this.serverUrl);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + DATABASE + " TEMPLATE template0");
		}
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(withDatabase(this.serverUrl, DATABASE));
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.setEscapeProcessing(false);
			statement.execute(workload.setup());
			statement.execute("VACUUM ANALYZE");
		}
		return dataSource;
	}

	private void dropDatabase() throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.serverUrl);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
		}
	}

	private static String setting(DataSource dataSource, String name) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT current_setting('" + name + "')")) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static String serverVersion(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT current_setting('server_version')")) {
			rs.next();
			return rs.getString(1);
		}
	}

	private void report(List<Result> results, String server, List<String> notes) throws IOException {
		Runtime runtime = Runtime.getRuntime();
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT, "%nPlanning benchmark: PostgreSQL %s, %d cores, max heap %d MiB, median of %d runs%n%n",
				server, runtime.availableProcessors(), runtime.maxMemory() >> 20, this.runs));
		table.append(Result.HEADER).append('\n');
		results.forEach(result -> table.append(result.line()).append('\n'));
		table.append('\n');
		Map<String, Object> growth = new LinkedHashMap<>();
		for (String workload : List.of("functions+triggers", "views")) {
			for (Scenario scenario : Scenario.values()) {
				Result small = find(results, workload, 1000, scenario);
				Result large = find(results, workload, 10000, scenario);
				if (small != null && large != null) {
					double ratio = (double) large.totalMs() / small.totalMs();
					growth.put(workload + " " + scenario.label, round(ratio));
					table.append(String.format(Locale.ROOT,
							"Growth %-42s total(N=10000) / total(N=1000) = %5.2f (10 is linear)%n",
							workload + ", " + scenario.label + ":", ratio));
				}
			}
		}
		notes.forEach(note -> table.append(note).append('\n'));
		Result inSync = find(results, "functions+triggers", 10000, Scenario.IN_SYNC);
		if (inSync != null) {
			table.append(String.format(Locale.ROOT, "%nTargets at N = 10000: in-sync total %.1f s (< 15 s: %s), peak heap %d MiB (< 512 MiB: %s)%n",
					inSync.totalMs() / 1000.0, yes(inSync.totalMs() < 15_000), inSync.peakHeapMib(), yes(inSync.peakHeapMib() < 512)));
		}
		List<Result> large = results.stream().filter(result -> result.n() >= 1000).toList();
		if (!large.isEmpty()) {
			boolean ratios = large.stream().allMatch(result -> result.ratio() <= 1.5);
			table.append(String.format(Locale.ROOT, "Unproven total / floor <= 1.5 for every N >= 1000: %s%n", yes(ratios)));
		}
		System.out.print(table);

		Files.createDirectories(this.output);
		StringBuilder csv = new StringBuilder(Result.CSV_HEADER).append('\n');
		results.forEach(result -> csv.append(result.csv()).append('\n'));
		Files.writeString(this.output.resolve("planning.csv"), csv);
		StringBuilder json = new StringBuilder("{\n  \"server\": \"").append(server).append("\",\n  \"runs\": ")
			.append(this.runs).append(",\n  \"results\": [\n");
		for (int i = 0; i < results.size(); i++) {
			json.append("    ").append(results.get(i).json()).append((i + 1 < results.size()) ? ",\n" : "\n");
		}
		json.append("  ],\n  \"growth\": {");
		List<String> entries = new ArrayList<>();
		growth.forEach((scenario, ratio) -> entries.add("\"" + scenario + "\": " + ratio));
		json.append(String.join(", ", entries)).append("}\n}\n");
		Files.writeString(this.output.resolve("planning.json"), json);
		Files.writeString(this.output.resolve("planning.txt"), table);
		System.out.println("Results written to " + this.output.resolve("planning.csv") + " and planning.json");
	}

	private static Result find(List<Result> results, String workload, int n, Scenario scenario) {
		return results.stream()
			.filter(result -> result.workload().equals(workload) && result.n() == n && result.scenario() == scenario)
			.findFirst()
			.orElse(null);
	}

	private static String yes(boolean met) {
		return met ? "met" : "MISSED";
	}

	private static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	private static String firstNonBlank(String... values) {
		return Arrays.stream(values).filter(value -> value != null && !value.isBlank()).findFirst().orElseThrow();
	}

	private static String withDatabase(String serverUrl, String database) {
		URI uri = URI.create(serverUrl.substring("jdbc:".length()));
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		String port = (uri.getPort() > 0) ? ":" + uri.getPort() : "";
		return "jdbc:" + uri.getScheme() + "://" + uri.getHost() + port + "/" + database + query;
	}

	private static void deleteRecursively(Path directory) throws IOException {
		try (var files = Files.walk(directory)) {
			for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	/** One measured run, in nanoseconds and bytes. */
	private record Sample(int changes, long read, long canonicalization, long diff, long render, long total,
			long unproven, long floor, long peakHeap) {
	}

	/**
	 * The medians of a configuration's runs. {@code totalMs} includes the proof of the plan;
	 * {@code unprovenMs} is the same plan without it, and what the floor is compared with.
	 */
	private record Result(String workload, int n, Scenario scenario, int changes, long readMs, long canonicalizationMs, long diffMs,
			long renderMs, long totalMs, long unprovenMs, long floorMs, long peakHeapMib) {

		static final String HEADER = String.format(Locale.ROOT, "%-18s %6s  %-22s %7s %8s %9s %7s %8s %8s %8s %8s %6s %6s %9s",
				"workload", "N", "scenario", "changes", "read ms", "canon ms", "diff ms", "render", "total", "unproven", "floor",
				"ratio", "proof", "heap MiB");

		static final String CSV_HEADER = "workload,n,scenario,changes,read_ms,canonicalization_ms,diff_ms,render_ms,total_ms,unproven_ms,floor_ms,ratio,proof_factor,peak_heap_mib";

		static Result of(String workload, int n, Scenario scenario, List<Sample> samples) {
			return new Result(workload, n, scenario, samples.get(0).changes(), median(samples, Sample::read),
					median(samples, Sample::canonicalization), median(samples, Sample::diff), median(samples, Sample::render),
					median(samples, Sample::total), median(samples, Sample::unproven), median(samples, Sample::floor),
					samples.stream().mapToLong(Sample::peakHeap).max().orElse(0) >> 20);
		}

		/** What proving the plan multiplies its cost by. */
		double proofFactor() {
			return (double) this.totalMs / Math.max(1, this.unprovenMs);
		}

		private static long median(List<Sample> samples, ToLongFunction<Sample> value) {
			long[] values = samples.stream().mapToLong(value).sorted().toArray();
			return values[values.length / 2] / 1_000_000;
		}

		double ratio() {
			return (double) this.unprovenMs / Math.max(1, this.floorMs);
		}

		String line() {
			return String.format(Locale.ROOT, "%-18s %6d  %-22s %7d %8d %9d %7d %8d %8d %8d %8d %6.2f %6.2f %9d",
					this.workload, this.n,
					this.scenario.label, this.changes, this.readMs, this.canonicalizationMs, this.diffMs, this.renderMs,
					this.totalMs, this.unprovenMs, this.floorMs, ratio(), proofFactor(), this.peakHeapMib);
		}

		String csv() {
			return String.format(Locale.ROOT, "%s,%d,%s,%d,%d,%d,%d,%d,%d,%d,%d,%.3f,%.3f,%d", this.workload, this.n,
					this.scenario.label,
					this.changes, this.readMs, this.canonicalizationMs, this.diffMs, this.renderMs, this.totalMs,
					this.unprovenMs, this.floorMs, ratio(), proofFactor(), this.peakHeapMib);
		}

		String json() {
			return String.format(Locale.ROOT,
					"{\"workload\": \"%s\", \"n\": %d, \"scenario\": \"%s\", \"changes\": %d, \"readMs\": %d, \"canonicalizationMs\": %d, \"diffMs\": %d,"
							+ " \"renderMs\": %d, \"totalMs\": %d, \"unprovenMs\": %d, \"floorMs\": %d, \"ratio\": %.3f,"
							+ " \"proofFactor\": %.3f, \"peakHeapMib\": %d}",
					this.workload, this.n, this.scenario.label, this.changes, this.readMs, this.canonicalizationMs,
					this.diffMs, this.renderMs, this.totalMs, this.unprovenMs, this.floorMs, ratio(), proofFactor(),
					this.peakHeapMib);
		}
	}

	/** The highest heap use between {@link #start()} and {@link #peakBytes()}, summed over the heap pools. */
	private static final class HeapPeak {

		private final List<MemoryPoolMXBean> pools;

		private HeapPeak(List<MemoryPoolMXBean> pools) {
			this.pools = pools;
		}

		static HeapPeak start() {
			System.gc();
			List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter(pool -> pool.getType() == MemoryType.HEAP)
				.toList();
			pools.forEach(MemoryPoolMXBean::resetPeakUsage);
			return new HeapPeak(pools);
		}

		long peakBytes() {
			return this.pools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
		}
	}
}

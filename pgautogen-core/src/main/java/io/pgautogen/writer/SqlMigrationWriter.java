package io.pgautogen.writer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.pgautogen.plan.MigrationPlan;

/**
 * Writes plain SQL: {@code <version>_<description>.up.sql} and {@code <version>_<description>.down.sql},
 * each wrapped in {@code BEGIN}/{@code COMMIT} so that it applies completely or not at all, e.g. with
 * {@code psql -f}. Versions are timestamps unless the directory already uses integers.
 */
public final class SqlMigrationWriter implements MigrationWriter {

	private static final Pattern VERSIONED = Pattern.compile("(\\d+)_.*\\.(?:up|down)\\.sql");

	private final MigrationDirectory directory;

	private final VersionStyle defaultVersionStyle;

	private final Clock clock;

	/** A writer into {@code directory}, numbering by timestamp in an empty directory. */
	public SqlMigrationWriter(Path directory) {
		this(new MigrationDirectory(directory), VersionStyle.TIMESTAMP, Clock.systemUTC());
	}

	private SqlMigrationWriter(MigrationDirectory directory, VersionStyle defaultVersionStyle, Clock clock) {
		this.directory = directory;
		this.defaultVersionStyle = defaultVersionStyle;
		this.clock = clock;
	}

	/** This writer, numbering in {@code style} when no migration exists yet. */
	public SqlMigrationWriter withDefaultVersionStyle(VersionStyle style) {
		return new SqlMigrationWriter(this.directory, style, this.clock);
	}

	/**
	 * This writer, skipping the files {@code applied} says the migration tool has run already when it
	 * looks for files that hold pending changes.
	 */
	public SqlMigrationWriter withAppliedMigrations(Predicate<Path> applied) {
		return new SqlMigrationWriter(this.directory.withApplied(applied), this.defaultVersionStyle, this.clock);
	}

	/** This writer, telling time by {@code newClock}. */
	public SqlMigrationWriter withClock(Clock newClock) {
		return new SqlMigrationWriter(this.directory, this.defaultVersionStyle, newClock);
	}

	@Override
	public Path directory() {
		return this.directory.path();
	}

	@Override
	public MigrationFormat format() {
		return MigrationFormat.SQL;
	}

	@Override
	public WriteResult write(MigrationPlan plan, String description) {
		return this.directory.write(plan, () -> files(plan, description));
	}

	private Map<String, String> files(MigrationPlan plan, String description) {
		String version = Versions.next(this.directory.captured(VERSIONED), this.defaultVersionStyle, this.clock);
		String name = version + "_" + Descriptions.fileName(description, plan);
		Map<String, String> files = new LinkedHashMap<>();
		files.put(name + ".up.sql", Scripts.of(MigrationHeader.upgrade(plan, this.clock), transaction(plan.upgrade())));
		files.put(name + ".down.sql", Scripts.of(MigrationHeader.downgrade(plan, this.clock, name + ".up.sql"),
				transaction(plan.downgrade())));
		return files;
	}

	private static List<String> transaction(List<String> statements) {
		List<String> wrapped = new ArrayList<>();
		wrapped.add("BEGIN");
		wrapped.addAll(statements);
		wrapped.add("COMMIT");
		return wrapped;
	}
}

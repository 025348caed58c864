package io.pgautogen.writer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.pgautogen.plan.MigrationPlan;

/**
 * Writes {@code V<version>__<description>.sql} and, when asked, the matching undo migration
 * {@code U<version>__<description>.sql} (run by Flyway Teams' {@code undo}, or by hand).
 * <p>
 * Flyway replaces {@code ${…}} placeholders everywhere in a script, function bodies included, and
 * fails on unknown ones. When a script contains {@code ${}, a script configuration file
 * ({@code <script>.conf}) with {@code placeholderReplacement=false} is written next to it, so that
 * the body reaches PostgreSQL unchanged.
 */
public final class FlywayMigrationWriter implements MigrationWriter {

	private static final Pattern VERSIONED = Pattern.compile("[VU](\\d+(?:[._]\\d+)*)__.*\\.sql");

	private final MigrationDirectory directory;

	private final boolean undo;

	private final VersionStyle defaultVersionStyle;

	private final Supplier<Collection<String>> otherVersions;

	private final Clock clock;

	/** A writer into {@code directory}, without undo files, numbering 1, 2, 3 … in an empty directory. */
	public FlywayMigrationWriter(Path directory) {
		this(new MigrationDirectory(directory), false, VersionStyle.INTEGER, List::of, Clock.systemUTC());
	}

	private FlywayMigrationWriter(MigrationDirectory directory, boolean undo, VersionStyle defaultVersionStyle,
			Supplier<Collection<String>> otherVersions, Clock clock) {
		this.directory = directory;
		this.undo = undo;
		this.defaultVersionStyle = defaultVersionStyle;
		this.otherVersions = otherVersions;
		this.clock = clock;
	}

	/** This writer, also writing {@code U<version>__<description>.sql} undo migrations. */
	public FlywayMigrationWriter withUndo(boolean writeUndo) {
		return new FlywayMigrationWriter(this.directory, writeUndo, this.defaultVersionStyle, this.otherVersions,
				this.clock);
	}

	/** This writer, numbering in {@code style} when no migration exists yet. */
	public FlywayMigrationWriter withDefaultVersionStyle(VersionStyle style) {
		return new FlywayMigrationWriter(this.directory, this.undo, style, this.otherVersions, this.clock);
	}

	/**
	 * This writer, also continuing after {@code versions}: migrations Flyway knows from other
	 * locations, or has applied already.
	 */
	public FlywayMigrationWriter withOtherVersions(Supplier<Collection<String>> versions) {
		return new FlywayMigrationWriter(this.directory, this.undo, this.defaultVersionStyle, versions, this.clock);
	}

	/**
	 * This writer, skipping the files {@code applied} says the migration tool has run already when it
	 * looks for files that hold pending changes.
	 */
	public FlywayMigrationWriter withAppliedMigrations(Predicate<Path> applied) {
		return new FlywayMigrationWriter(this.directory.withApplied(applied), this.undo, this.defaultVersionStyle,
				this.otherVersions, this.clock);
	}

	/** This writer, telling time by {@code newClock}. */
	public FlywayMigrationWriter withClock(Clock newClock) {
		return new FlywayMigrationWriter(this.directory, this.undo, this.defaultVersionStyle, this.otherVersions,
				newClock);
	}

	@Override
	public Path directory() {
		return this.directory.path();
	}

	@Override
	public MigrationFormat format() {
		return MigrationFormat.FLYWAY;
	}

	@Override
	public WriteResult write(MigrationPlan plan, String description) {
		return this.directory.write(plan, () -> files(plan, description));
	}

	private Map<String, String> files(MigrationPlan plan, String description) {
		List<String> versions = new ArrayList<>(this.directory.captured(VERSIONED));
		versions.addAll(this.otherVersions.get());
		String version = Versions.next(versions, this.defaultVersionStyle, this.clock);
		String name = version + "__" + Descriptions.fileName(description, plan);
		Map<String, String> files = new LinkedHashMap<>();
		String upgrade = Scripts.of(MigrationHeader.upgrade(plan, this.clock), plan.upgrade());
		add(files, "V" + name + ".sql", upgrade);
		if (this.undo) {
			String downgrade = Scripts.of(MigrationHeader.downgrade(plan, this.clock, "V" + name + ".sql"), plan.downgrade());
			add(files, "U" + name + ".sql", downgrade);
		}
		return files;
	}

	private static void add(Map<String, String> files, String script, String content) {
		if (content.contains("${")) {
			files.put(script + ".conf", "# Written by pgautogen: the script holds text Flyway would take for a placeholder.\n"
					+ "placeholderReplacement=false\n");
		}
		files.put(script, content);
	}
}

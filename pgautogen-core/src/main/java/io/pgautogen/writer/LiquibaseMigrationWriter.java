package io.pgautogen.writer;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.pgautogen.plan.MigrationPlan;

/**
 * Writes a Liquibase formatted SQL changelog, {@code <version>_<description>.sql}, holding the whole
 * plan as one changeset with the downgrade as its {@code --rollback}, so that
 * {@code rollback-count 1} undoes it. The changeset neither splits statements nor strips comments
 * (Liquibase's splitter does not understand dollar quoting). Pick the files up with
 * {@code includeAll} on the output directory; the version prefix keeps them in order.
 */
public final class LiquibaseMigrationWriter implements MigrationWriter {

	private static final Pattern VERSIONED = Pattern.compile("(\\d+)_.*\\.sql");

	private static final String AUTHOR = "pgautogen";

	private final MigrationDirectory directory;

	private final VersionStyle defaultVersionStyle;

	private final Clock clock;

	/** A writer into {@code directory}, numbering by timestamp in an empty directory. */
	public LiquibaseMigrationWriter(Path directory) {
		this(new MigrationDirectory(directory), VersionStyle.TIMESTAMP, Clock.systemUTC());
	}

	private LiquibaseMigrationWriter(MigrationDirectory directory, VersionStyle defaultVersionStyle, Clock clock) {
		this.directory = directory;
		this.defaultVersionStyle = defaultVersionStyle;
		this.clock = clock;
	}

	/** This writer, numbering in {@code style} when no changelog exists yet. */
	public LiquibaseMigrationWriter withDefaultVersionStyle(VersionStyle style) {
		return new LiquibaseMigrationWriter(this.directory, style, this.clock);
	}

	/**
	 * This writer, skipping the files {@code applied} says the migration tool has run already when it
	 * looks for files that hold pending changes.
	 */
	public LiquibaseMigrationWriter withAppliedMigrations(Predicate<Path> applied) {
		return new LiquibaseMigrationWriter(this.directory.withApplied(applied), this.defaultVersionStyle, this.clock);
	}

	/** This writer, telling time by {@code newClock}. */
	public LiquibaseMigrationWriter withClock(Clock newClock) {
		return new LiquibaseMigrationWriter(this.directory, this.defaultVersionStyle, newClock);
	}

	@Override
	public Path directory() {
		return this.directory.path();
	}

	@Override
	public MigrationFormat format() {
		return MigrationFormat.LIQUIBASE;
	}

	@Override
	public WriteResult write(MigrationPlan plan, String description) {
		return this.directory.write(plan, () -> files(plan, description));
	}

	private Map<String, String> files(MigrationPlan plan, String description) {
		String version = Versions.next(this.directory.captured(VERSIONED), this.defaultVersionStyle, this.clock);
		String name = version + "_" + Descriptions.fileName(description, plan);
		Map<String, String> files = new LinkedHashMap<>();
		files.put(name + ".sql", changelog(plan, name));
		return files;
	}

	private String changelog(MigrationPlan plan, String id) {
		StringBuilder changelog = new StringBuilder("--liquibase formatted sql\n");
		MigrationHeader.upgrade(plan, this.clock).forEach(line -> changelog.append(line).append('\n'));
		changelog.append('\n')
			.append("--changeset ")
			.append(AUTHOR)
			.append(':')
			.append(id)
			.append(" splitStatements:false stripComments:false rollbackSplitStatements:false\n");
		changelog.append(Scripts.of(List.of(), safe(plan.upgrade())).stripLeading());
		for (String line : Scripts.of(List.of(), safe(plan.downgrade())).strip().split("\n", -1)) {
			changelog.append("--rollback ").append(line).append('\n');
		}
		return changelog.toString();
	}

	private static List<String> safe(List<String> statements) {
		return statements.stream().map(LiquibaseSafeSql::rewrite).toList();
	}
}

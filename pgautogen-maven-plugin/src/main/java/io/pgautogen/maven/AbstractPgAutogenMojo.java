package io.pgautogen.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import io.pgautogen.PgAutogenException;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.declaration.Declaration;
import io.pgautogen.declaration.DeclarationException;
import io.pgautogen.declaration.DeclarationProblem;
import io.pgautogen.declaration.DeclarationStatements;
import io.pgautogen.plan.MigrationPlan;
import io.pgautogen.plan.Planner;
import io.pgautogen.plan.PlannerSettings;
import io.pgautogen.writer.FlywayMigrationWriter;
import io.pgautogen.writer.LiquibaseMigrationWriter;
import io.pgautogen.writer.MigrationFormat;
import io.pgautogen.writer.MigrationWriter;
import io.pgautogen.writer.SqlMigrationWriter;

/**
 * What every goal does: read the settings (the goal's configuration, else the project's
 * {@code spring.pgautogen.*} in {@code application.properties}/{@code application.yaml}, else the
 * starter's defaults), load the declaration files, open the database (the configured URL, else a
 * shadow database built from the project's migrations), and plan.
 */
abstract class AbstractPgAutogenMojo extends AbstractMojo {

	private static final String DEFAULT_LOCATION = "classpath*:db/pgautogen/**/*.sql";

	private static final String DEFAULT_CHANGELOG = "classpath:/db/changelog/db.changelog-master.yaml";

	@Parameter(defaultValue = "${project}", readonly = true, required = true)
	protected MavenProject project;

	/** Skips the goal. */
	@Parameter(property = "pgautogen.skip", defaultValue = "false")
	protected boolean skip;

	/**
	 * JDBC URL of a database to plan against as it is. Without it the goal builds a shadow database: an
	 * embedded PostgreSQL with the project's Flyway migrations or Liquibase changelog applied.
	 */
	@Parameter(property = "pgautogen.url")
	protected String url;

	/** Login user for {@code url}. */
	@Parameter(property = "pgautogen.user")
	protected String user;

	/** Login password for {@code url}. */
	@Parameter(property = "pgautogen.password")
	protected String password;

	/**
	 * Resource patterns of declaration files, as {@code spring.pgautogen.locations}:
	 * {@code classpath:} patterns are looked up in {@code src/main/resources}. Default: the project's
	 * {@code spring.pgautogen.locations}, else {@code classpath*:db/pgautogen/**}{@code /*.sql}.
	 */
	@Parameter
	protected List<String> locations;

	/** Schemas to manage, as {@code spring.pgautogen.schemas}. */
	@Parameter
	protected List<String> schemas;

	/**
	 * Kinds to manage without declarations ({@code functions}, {@code views}, {@code materialized-views},
	 * {@code triggers}), as {@code spring.pgautogen.manage}.
	 */
	@Parameter
	protected List<String> manage;

	/** Identity patterns to leave alone, as {@code spring.pgautogen.exclude}. */
	@Parameter
	protected List<String> exclude;

	/**
	 * {@code flyway}, {@code liquibase} or {@code sql}, as {@code spring.pgautogen.format}. Default: the
	 * project's setting, else Liquibase when the project has a Liquibase changelog, else Flyway.
	 */
	@Parameter(property = "pgautogen.format")
	protected String format;

	/**
	 * Directory migrations are written to, relative to the project, as {@code spring.pgautogen.output-dir}.
	 * Default: the project's setting, else {@code src/main/resources/db/migration} (Liquibase:
	 * {@code src/main/resources/db/changelog/pgautogen}).
	 */
	@Parameter(property = "pgautogen.outputDir")
	protected String outputDir;

	/** Also write Flyway undo migrations, as {@code spring.pgautogen.flyway.undo}. */
	@Parameter(property = "pgautogen.flywayUndo")
	protected Boolean flywayUndo;

	@Override
	public void execute() throws MojoExecutionException, MojoFailureException {
		if (this.skip) {
			getLog().info("pgautogen: skipped (pgautogen.skip)");
			return;
		}
		Path base = this.project.getBasedir().toPath();
		Path resources = base.resolve("src/main/resources");
		try {
			ApplicationProperties application = ApplicationProperties.of(resources);
			List<Declaration> declarations = declarations(base, resources, application);
			MigrationFormat migrationFormat = format(resources, application);
			try (ShadowDatabase database = open(base, resources, application, migrationFormat)) {
				MigrationPlan plan = new Planner(settings(application)).plan(database.dataSource(), declarations);
				run(plan, writer(base, application, migrationFormat, database));
			}
		}
		catch (DeclarationException ex) {
			throw new MojoFailureException(ex.getMessage(), ex);
		}
		catch (PgAutogenException | IllegalStateException ex) {
			throw new MojoExecutionException(ex.getMessage(), ex);
		}
		catch (MojoFailureException | MojoExecutionException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new MojoExecutionException("pgautogen could not plan: " + ex.getMessage(), ex);
		}
	}

	/** What the goal does with the plan. */
	protected abstract void run(MigrationPlan plan, MigrationWriter writer) throws MojoFailureException;

	private List<Declaration> declarations(Path base, Path resources, ApplicationProperties application)
			throws IOException {
		List<String> patterns = firstNonEmpty(this.locations, application.getList("spring.pgautogen.locations"),
				List.of(DEFAULT_LOCATION));
		Map<String, Resource> files = new TreeMap<>();
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		for (String pattern : patterns) {
			for (Resource resource : resolver.getResources(toFilePattern(pattern, base, resources))) {
				if (resource.isFile() && resource.isReadable()) {
					files.put(base.relativize(resource.getFile().toPath().toAbsolutePath()).toString().replace('\\', '/'),
							resource);
				}
			}
		}
		List<Declaration> declarations = new ArrayList<>();
		List<DeclarationProblem> problems = new ArrayList<>();
		for (Map.Entry<String, Resource> file : files.entrySet()) {
			try (InputStream in = file.getValue().getInputStream()) {
				declarations.addAll(DeclarationStatements
					.parseScript(DeclarationStatements.decode(in.readAllBytes(), file.getKey()), file.getKey()));
			}
			catch (DeclarationException ex) {
				problems.addAll(ex.problems());
			}
		}
		if (!problems.isEmpty()) {
			throw new DeclarationException(problems);
		}
		getLog().info("pgautogen: " + declarations.size() + " declaration(s) in " + files.size() + " file(s) at "
				+ String.join(", ", patterns));
		if (files.isEmpty()) {
			getLog().warn("pgautogen: no declaration file found at " + String.join(", ", patterns) + ". The plugin reads"
					+ " .sql declaration files only; objects declared as @Bean PgFunction/PgView/PgMaterializedView/PgTrigger need"
					+ " the running application (spring.pgautogen.mode=fail in a @SpringBootTest).");
		}
		return declarations;
	}

	private static String toFilePattern(String pattern, Path base, Path resources) {
		if (pattern.startsWith("classpath*:") || pattern.startsWith("classpath:")) {
			String path = pattern.substring(pattern.indexOf(':') + 1).replaceFirst("^/+", "");
			return "file:" + resources.toAbsolutePath() + "/" + path;
		}
		if (pattern.startsWith("file:")) {
			String path = pattern.substring("file:".length());
			return "file:" + (Path.of(path).isAbsolute() ? path : base.resolve(path).toAbsolutePath().toString());
		}
		return "file:" + base.resolve(pattern).toAbsolutePath();
	}

	private MigrationFormat format(Path resources, ApplicationProperties application) {
		String configured = firstNonBlank(this.format, application.get("spring.pgautogen.format"));
		if (configured != null) {
			return MigrationFormat.valueOf(configured.trim().toUpperCase(java.util.Locale.ROOT));
		}
		return Files.isRegularFile(changelog(resources, application)) ? MigrationFormat.LIQUIBASE : MigrationFormat.FLYWAY;
	}

	private static Path changelog(Path resources, ApplicationProperties application) {
		String changelog = firstNonBlank(application.get("spring.liquibase.change-log"), DEFAULT_CHANGELOG);
		return resources.resolve(changelog.substring(changelog.indexOf(':') + 1).replaceFirst("^/+", ""));
	}

	private ShadowDatabase open(Path base, Path resources, ApplicationProperties application, MigrationFormat format)
			throws Exception {
		if (this.url != null && !this.url.isBlank()) {
			getLog().info("pgautogen: planning against " + this.url.replaceAll("password=[^&]*", "password=…"));
			return ShadowDatabase.existing(this.url, this.user, this.password);
		}
		if (format == MigrationFormat.LIQUIBASE && Files.isRegularFile(changelog(resources, application))) {
			String changelog = resources.relativize(changelog(resources, application)).toString().replace('\\', '/');
			return ShadowDatabase.withLiquibase(resources, changelog, line -> getLog().info("pgautogen: " + line));
		}
		List<String> flywayLocations = new ArrayList<>();
		for (String location : firstNonEmpty(application.getList("spring.flyway.locations"), List.of("classpath:db/migration"))) {
			Path directory = location.startsWith("classpath:")
					? resources.resolve(location.substring("classpath:".length()).replaceFirst("^/+", ""))
					: base.resolve(location.replaceFirst("^filesystem:", ""));
			if (Files.isDirectory(directory) && ShadowDatabase.hasFiles(directory)) {
				flywayLocations.add("filesystem:" + directory.toAbsolutePath());
			}
		}
		if (flywayLocations.isEmpty()) {
			return ShadowDatabase.empty(line -> getLog().info("pgautogen: " + line));
		}
		return ShadowDatabase.withFlyway(flywayLocations, application.get("spring.flyway.default-schema"),
				line -> getLog().info("pgautogen: " + line));
	}

	private PlannerSettings settings(ApplicationProperties application) {
		List<String> schemaList = firstNonEmpty(this.schemas, application.getList("spring.pgautogen.schemas"),
				(application.get("spring.flyway.default-schema") != null)
						? List.of(application.get("spring.flyway.default-schema")) : List.of());
		Set<ObjectKind> kinds = EnumSet.noneOf(ObjectKind.class);
		for (String kind : firstNonEmpty(this.manage, application.getList("spring.pgautogen.manage"), List.of())) {
			kinds.add(ObjectKind.fromLabel(kind.trim().toLowerCase(java.util.Locale.ROOT)));
		}
		return PlannerSettings.defaults()
			.withSchemas(schemaList)
			.withManage(kinds)
			.withExclude(firstNonEmpty(this.exclude, application.getList("spring.pgautogen.exclude"), List.of()));
	}

	private MigrationWriter writer(Path base, ApplicationProperties application, MigrationFormat format,
			ShadowDatabase database) {
		String configured = firstNonBlank(this.outputDir, application.get("spring.pgautogen.output-dir"));
		Path directory = base.resolve((configured != null) ? configured
				: (format == MigrationFormat.LIQUIBASE) ? "src/main/resources/db/changelog/pgautogen"
						: "src/main/resources/db/migration");
		boolean undo = (this.flywayUndo != null) ? this.flywayUndo
				: Boolean.parseBoolean(application.get("spring.pgautogen.flyway.undo"));
		return switch (format) {
			case FLYWAY -> new FlywayMigrationWriter(directory).withUndo(undo)
				.withOtherVersions(database::knownVersions)
				.withAppliedMigrations(database::applied);
			case LIQUIBASE -> new LiquibaseMigrationWriter(directory).withAppliedMigrations(database::applied);
			case SQL -> new SqlMigrationWriter(directory).withAppliedMigrations(database::applied);
		};
	}

	/** The plan's changes, one per line, for Maven's log. */
	protected static String describe(MigrationPlan plan) {
		StringBuilder text = new StringBuilder();
		plan.changes().forEach(change -> text.append("\n  ").append(change.summary()));
		return text.toString();
	}

	@SafeVarargs
	private static List<String> firstNonEmpty(List<String>... candidates) {
		for (List<String> candidate : candidates) {
			if (candidate != null && !candidate.isEmpty()) {
				return candidate;
			}
		}
		return List.of();
	}

	private static String firstNonBlank(String... candidates) {
		for (String candidate : candidates) {
			if (candidate != null && !candidate.isBlank()) {
				return candidate;
			}
		}
		return null;
	}
}

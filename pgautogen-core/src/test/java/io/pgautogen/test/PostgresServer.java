package io.pgautogen.test;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL server tests create their databases on: {@code PGAUTOGEN_TEST_JDBC_URL} when set
 * (CI sets it), else a Testcontainers PostgreSQL ({@code PGAUTOGEN_TEST_POSTGRES_IMAGE}, by default
 * {@code postgres:17-alpine}) when Docker is available, else a failure that says how to provide one.
 */
public final class PostgresServer {

	/** Environment variable naming the server, e.g. {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}. */
	public static final String URL_VARIABLE = "PGAUTOGEN_TEST_JDBC_URL";

	/** Environment variable naming the image Testcontainers starts, e.g. {@code postgres:14}. */
	public static final String IMAGE_VARIABLE = "PGAUTOGEN_TEST_POSTGRES_IMAGE";

	private static final String DEFAULT_IMAGE = "postgres:17-alpine";

	private static String url;

	private PostgresServer() {
	}

	/** A JDBC URL of the server's maintenance database, as a superuser. */
	public static synchronized String url() {
		if (url == null) {
			url = resolve();
		}
		return url;
	}

	private static String resolve() {
		String configured = System.getenv(URL_VARIABLE);
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		String image = System.getenv().getOrDefault(IMAGE_VARIABLE, DEFAULT_IMAGE);
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			throw new IllegalStateException("No PostgreSQL server for the tests. Set " + URL_VARIABLE
					+ " to the JDBC URL of a server whose user may create databases, e.g.\n  export " + URL_VARIABLE
					+ "='jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres'\nor make Docker available so that"
					+ " Testcontainers can start " + image + ".");
		}
		PostgreSQLContainer container = new PostgreSQLContainer(image);
		container.start();
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		return container.getJdbcUrl() + (container.getJdbcUrl().contains("?") ? "&" : "?") + "user="
				+ container.getUsername() + "&password=" + container.getPassword();
	}
}

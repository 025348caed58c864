package io.pgautogen.samples.flyway;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;

/**
 * Runs the sample at development time ({@code ./mvnw spring-boot:test-run}) against PostgreSQL from
 * {@code SPRING_DATASOURCE_URL} or, without it, a Testcontainers PostgreSQL when Docker is available.
 */
public final class TestFlywaySampleApplication {

	private TestFlywaySampleApplication() {
	}

	public static void main(String[] args) {
		if (DevDatabase.configured()) {
			SpringApplication.from(FlywaySampleApplication::main).run(args);
		}
		else if (DockerClientFactory.instance().isDockerAvailable()) {
			SpringApplication.from(FlywaySampleApplication::main).with(DevDatabase.class).run(args);
		}
		else {
			System.err.println(DevDatabase.HOW_TO);
			System.exit(2);
		}
	}

	/** A PostgreSQL container, connected through Spring Boot's service connections. */
	@TestConfiguration(proxyBeanMethods = false)
	static class DevDatabase {

		static final String HOW_TO = """

				No PostgreSQL to run the sample against. Either point it at a server:
				  export SPRING_DATASOURCE_URL='jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres'
				(add &password=... if the server needs one), or start Docker so that Testcontainers can
				run postgres:17-alpine for you.
				""";

		static boolean configured() {
			return System.getenv("SPRING_DATASOURCE_URL") != null || System.getProperty("spring.datasource.url") != null;
		}

		@Bean
		@ServiceConnection
		PostgreSQLContainer postgres() {
			return new PostgreSQLContainer("postgres:17-alpine");
		}
	}
}

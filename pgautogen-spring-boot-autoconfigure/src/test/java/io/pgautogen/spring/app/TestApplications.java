package io.pgautogen.spring.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.pgautogen.test.TestDatabase;

/** Starts {@link TestApplication} against a test database, as a real application starts. */
public final class TestApplications {

	private TestApplications() {
	}

	/**
	 * Starts without a web server. Flyway migrates from {@code db/migration} and from
	 * {@code migrations}, where pgautogen writes.
	 */
	public static ConfigurableApplicationContext run(TestDatabase database, Path migrations, String... properties) {
		return builder(WebApplicationType.NONE).run(arguments(database, migrations, properties));
	}

	/** Starts with a web server on a random port, the pgautogen endpoint exposed. */
	public static ConfigurableApplicationContext runWeb(TestDatabase database, Path migrations, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0",
				"management.endpoints.web.exposure.include=pgautogen"));
		all.addAll(List.of(properties));
		return builder(WebApplicationType.SERVLET).run(arguments(database, migrations, all.toArray(String[]::new)));
	}

	private static SpringApplicationBuilder builder(WebApplicationType type) {
		return new SpringApplicationBuilder(TestApplication.class).web(type);
	}

	/**
	 * The test's settings as command-line arguments, which outrank environment variables and system
	 * properties: a developer's exported {@code SPRING_DATASOURCE_URL} must not redirect a test.
	 */
	private static String[] arguments(TestDatabase database, Path migrations, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.datasource.url=" + database.url(),
				"spring.flyway.locations=classpath:db/migration,filesystem:" + migrations,
				"spring.pgautogen.output-dir=" + migrations, "spring.main.banner-mode=off",
				"spring.liquibase.enabled=false"));
		all.addAll(List.of(properties));
		// A later setting of the same property replaces the earlier one, as in a properties file.
		java.util.Map<String, String> byName = new java.util.LinkedHashMap<>();
		all.forEach(property -> byName.put(property.substring(0, property.indexOf('=')), property));
		return byName.values().stream().map(property -> "--" + property).toArray(String[]::new);
	}
}

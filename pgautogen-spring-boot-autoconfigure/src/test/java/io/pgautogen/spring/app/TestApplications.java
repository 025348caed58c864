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
		return builder(database, migrations, properties).web(WebApplicationType.NONE).run();
	}

	/** Starts with a web server on a random port, the pgautogen endpoint exposed. */
	public static ConfigurableApplicationContext runWeb(TestDatabase database, Path migrations, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0",
				"management.endpoints.web.exposure.include=pgautogen"));
		all.addAll(List.of(properties));
		return builder(database, migrations, all.toArray(String[]::new)).web(WebApplicationType.SERVLET).run();
	}

	private static SpringApplicationBuilder builder(TestDatabase database, Path migrations, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.datasource.url=" + database.url(),
				"spring.flyway.locations=classpath:db/migration,filesystem:" + migrations,
				"spring.pgautogen.output-dir=" + migrations, "spring.main.banner-mode=off",
				"spring.liquibase.enabled=false"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(TestApplication.class).properties(all.toArray(String[]::new));
	}
}

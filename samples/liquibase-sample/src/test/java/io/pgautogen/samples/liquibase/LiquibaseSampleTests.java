package io.pgautogen.samples.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import io.pgautogen.test.TestDatabase;
import io.pgautogen.test.TestDatabaseExtension;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README workflow with Liquibase: the generated changelog is written where the master changelog's
 * {@code includeAll} finds it on the classpath, as {@code src/main/resources} is after a rebuild.
 */
@ExtendWith(TestDatabaseExtension.class)
class LiquibaseSampleTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final String changelogs = "db/changelog/pgautogen-test-" + UUID.randomUUID() + "/";

	@AfterEach
	void removeGeneratedChangelogs() throws IOException {
		FileSystemUtils.deleteRecursively(classpathRoot().resolve(this.changelogs));
	}

	@Test
	void reportWriteApplyAndInSync(TestDatabase database) throws Exception {
		try (ConfigurableApplicationContext app = start(database)) {
			JsonNode plan = this.json.readTree(get(app));
			assertThat(plan.get("inSync").asBoolean()).isFalse();
			assertThat(plan.get("changes").size()).isEqualTo(3);

			HttpResponse<String> written = post(app, "{\"description\": \"price history\"}");
			assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
			Path changelog = Path.of(this.json.readTree(written.body()).get("written").get(0).asString());
			assertThat(changelog.getFileName().toString()).matches("\\d{14}_price_history\\.sql");
			assertThat(Files.readString(changelog)).startsWith("--liquibase formatted sql")
				.contains("--rollback DROP TRIGGER products_price_history ON public.products;");
		}
		try (ConfigurableApplicationContext app = start(database)) {
			assertThat(this.json.readTree(get(app)).get("inSync").asBoolean()).isTrue();
		}
		database.execute("INSERT INTO products VALUES (1, 'tea', 4.50)", "UPDATE products SET price = 5 WHERE id = 1");
		assertThat(database.queryStrings("SELECT coalesce(old_price::text, '-') || ' -> ' || new_price FROM price_history"))
			.containsExactly("- -> 4.50", "4.50 -> 5.00");
	}

	private ConfigurableApplicationContext start(TestDatabase database) throws Exception {
		return new SpringApplicationBuilder(LiquibaseSampleApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + database.url(),
				"--spring.pgautogen.output-dir=" + classpathRoot().resolve(this.changelogs),
				"--spring.liquibase.parameters.pgautogen.changelogs=" + this.changelogs);
	}

	private static Path classpathRoot() {
		try {
			return Path.of(LiquibaseSampleTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String get(ConfigurableApplicationContext app) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(app)).build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private HttpResponse<String> post(ConfigurableApplicationContext app, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(app))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(ConfigurableApplicationContext app) {
		return URI.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/actuator/pgautogen");
	}
}

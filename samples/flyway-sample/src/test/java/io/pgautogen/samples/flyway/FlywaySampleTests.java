package io.pgautogen.samples.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.pgautogen.test.TestDatabase;
import io.pgautogen.test.TestDatabaseExtension;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The workflow of the README on the sample: the endpoint reports the pending functions and
 * triggers, writes the migration, Flyway applies it on the next start, and nothing is pending then.
 */
@ExtendWith(TestDatabaseExtension.class)
class FlywaySampleTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path migrations;

	@Test
	void reportWriteApplyAndInSync(TestDatabase database) throws Exception {
		try (ConfigurableApplicationContext app = start(database)) {
			JsonNode plan = this.json.readTree(get(app, "/actuator/pgautogen"));
			assertThat(plan.get("inSync").asBoolean()).isFalse();
			assertThat(plan.get("changes")).extracting(change -> change.get("action").asString() + " "
					+ change.get("identity").asString())
				.containsExactlyInAnyOrder("create public.audit_row()", "create public.order_total(bigint)",
						"create public.refresh_order_total()", "create public.touch_updated_at()",
						"create public.order_lines.order_lines_audit", "create public.order_lines.order_lines_total",
						"create public.orders.orders_audit", "create public.orders.orders_touch");

			JsonNode written = this.json.readTree(post(app, "/actuator/pgautogen", "{\"description\": \"orders logic\"}"));
			assertThat(written.get("written").get(0).asString()).isEqualTo(this.migrations.resolve("V2__orders_logic.sql").toString());
		}
		try (ConfigurableApplicationContext app = start(database)) {
			assertThat(this.json.readTree(get(app, "/actuator/pgautogen")).get("inSync").asBoolean()).isTrue();

			JsonNode order = this.json.readTree(post(app, "/orders",
					"{\"id\": 7, \"customer\": \"Ada\", \"lines\": [{\"product\": \"tea\", \"amount\": 4.50},"
							+ " {\"product\": \"cake\", \"amount\": 3.25}]}"));
			assertThat(order.get("total").decimalValue()).isEqualByComparingTo("7.75");
			assertThat(order.get("audit_entries").asInt()).isGreaterThanOrEqualTo(3);
		}
	}

	private ConfigurableApplicationContext start(TestDatabase database) {
		return new SpringApplicationBuilder(FlywaySampleApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + database.url(), "--spring.pgautogen.output-dir=" + this.migrations,
				"--spring.flyway.locations=classpath:db/migration,filesystem:" + this.migrations);
	}

	private String get(ConfigurableApplicationContext app, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri(app, path)).build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private String post(ConfigurableApplicationContext app, String path, String body) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri(app, path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static URI uri(ConfigurableApplicationContext app, String path) {
		return URI.create("http://localhost:" + app.getEnvironment().getProperty("local.server.port") + path);
	}
}

package io.pgautogen.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import io.pgautogen.spring.app.TestApplications;
import io.pgautogen.test.TestDatabase;
import io.pgautogen.test.TestDatabaseExtension;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /actuator/pgautogen} over real HTTP, on a random port. */
@ExtendWith(TestDatabaseExtension.class)
class PgAutogenEndpointHttpTests {

	private static final String UNRESTRICTED = "management.endpoint.pgautogen.access=unrestricted";

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path migrations;

	@Test
	void getReturnsThePendingPlanInTheContractShape(TestDatabase database) throws Exception {
		try (ConfigurableApplicationContext context = TestApplications.runWeb(database, this.migrations)) {
			HttpResponse<String> response = get(context);

			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode plan = this.json.readTree(response.body());
			assertThat(plan.get("inSync").asBoolean()).isFalse();
			assertThat(plan.get("verified").asBoolean()).isTrue();
			assertThat(plan.get("schemas").toString()).isEqualTo("[\"public\"]");
			assertThat(plan.get("managed").toString()).isEqualTo("[\"functions\",\"triggers\"]");
			JsonNode audit = change(plan, "public.audit_row()");
			assertThat(audit.get("action").asString()).isEqualTo("create");
			assertThat(audit.get("kind").asString()).isEqualTo("function");
			assertThat(audit.get("source").asString()).isEqualTo("db/pgautogen/audit.sql:2");
			assertThat(audit.get("current").isNull()).isTrue();
			assertThat(audit.get("desired").asString()).startsWith("CREATE OR REPLACE FUNCTION public.audit_row()");
			assertThat(audit.get("diff").isNull()).isTrue();
			assertThat(plan.get("upgrade").size()).isEqualTo(4);
			assertThat(plan.get("downgrade").get(0).asString()).isEqualTo("DROP TRIGGER orders_audit ON public.orders");
		}
	}

	@Test
	void getShowsAUnifiedDiffForAChangedFunction(TestDatabase database) throws Exception {
		try (ConfigurableApplicationContext context = TestApplications.runWeb(database, this.migrations)) {
			database.execute("CREATE FUNCTION public.order_total(o bigint) RETURNS numeric LANGUAGE sql STABLE"
					+ " AS $$ SELECT 0::numeric $$");
			JsonNode change = change(this.json.readTree(get(context).body()), "public.order_total(bigint)");

			assertThat(change.get("action").asString()).isEqualTo("replace");
			assertThat(change.get("diff").asString()).contains("--- current/public.order_total(bigint)",
					"+++ desired/public.order_total(bigint)", "-AS $function$ SELECT 0::numeric $function$",
					"+  SELECT coalesce(sum(amount), 0) FROM public.order_lines WHERE order_id = o");
		}
	}

	@Test
	void viewsAndMaterializedViewsArePlannedWrittenAndAppliedByFlyway(TestDatabase database) throws Exception {
		String views = "spring.pgautogen.locations=classpath:views-app/pgautogen/*.sql";
		try (ConfigurableApplicationContext context = TestApplications.runWeb(database, this.migrations, UNRESTRICTED,
				views)) {
			JsonNode plan = this.json.readTree(get(context).body());
			assertThat(plan.get("managed").toString()).isEqualTo("[\"functions\",\"views\",\"materialized-views\"]");
			JsonNode summaries = change(plan, "public.order_summaries");
			assertThat(summaries.get("kind").asString()).isEqualTo("view");
			assertThat(summaries.get("source").asString()).isEqualTo("views-app/pgautogen/reports.sql:2");
			assertThat(summaries.get("desired").asString()).startsWith("CREATE VIEW public.order_summaries AS");
			JsonNode totals = change(plan, "public.\"Status Totals\"");
			assertThat(totals.get("kind").asString()).isEqualTo("materialized-view");
			assertThat(totals.get("desired").asString())
				.endsWith("CREATE UNIQUE INDEX status_totals_status ON public.\"Status Totals\" USING btree (status)");

			JsonNode written = this.json.readTree(post(context, "{\"description\": \"order reports\"}").body());
			assertThat(written.get("outcome").asString()).isEqualTo("written");
		}
		database.execute("INSERT INTO orders (id) VALUES (1)", "INSERT INTO order_lines VALUES (1, 1, 12.5)");
		try (ConfigurableApplicationContext context = TestApplications.runWeb(database, this.migrations, UNRESTRICTED,
				views)) {
			assertThat(this.json.readTree(get(context).body()).get("inSync").asBoolean()).isTrue();
		}
		assertThat(files()).containsExactly("V2__order_reports.sql");
		database.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY \"Status Totals\"");
		assertThat(database.queryString("SELECT total FROM \"Status Totals\" WHERE status = 'open'")).isEqualTo("12.5");
	}

	@Test
	void postIsRefusedWhileAccessIsReadOnly(TestDatabase database) throws Exception {
		try (ConfigurableApplicationContext context = TestApplications.runWeb(database, this.migrations)) {
			HttpResponse<String> response = post(context, "{}");

			assertThat(response.statusCode()).isEqualTo(405);
			JsonNode error = this.json.readTree(response.body());
			assertThat(error.get("error").asString()).isEqualTo("writing-not-allowed");
			assertThat(error.get("message").asString()).contains("management.endpoint.pgautogen.access=unrestricted");
			assertThat(this.migrations).isEmptyDirectory();
		}
	}

	@Test
	void postWritesTheMigrationThenNothingOnceApplied(TestDatabase database) throws Exception {
		try (ConfigurableApplicationContext context = TestApplications.runWeb(database, this.migrations, UNRESTRICTED)) {
			HttpResponse<String> response = post(context, "{\"description\": \"Add order audit\"}");

			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode result = this.json.readTree(response.body());
			assertThat(result.get("outcome").asString()).isEqualTo("written");
			assertThat(result.get("written").get(0).asString())
				.isEqualTo(this.migrations.resolve("V2__add_order_audit.sql").toString());
			assertThat(result.get("plan").get("changes").size()).isEqualTo(3);

			JsonNode again = this.json.readTree(post(context, "{}").body());
			assertThat(again.get("outcome").asString()).isEqualTo("already-pending");
			assertThat(again.get("written").size()).isZero();
			assertThat(again.get("message").asString()).contains("V2__add_order_audit.sql already holds");
		}
		try (ConfigurableApplicationContext context = TestApplications.runWeb(database, this.migrations, UNRESTRICTED)) {
			assertThat(this.json.readTree(get(context).body()).get("inSync").asBoolean()).isTrue();
			JsonNode nothing = this.json.readTree(post(context, "{}").body());
			assertThat(nothing.get("outcome").asString()).isEqualTo("in-sync");
			assertThat(nothing.get("written").size()).isZero();
			assertThat(nothing.get("message").asString()).isEqualTo("The database matches the declarations; nothing to write.");
		}
		assertThat(files()).containsExactly("V2__add_order_audit.sql");
	}

	@Test
	void simultaneousPostsWriteOneMigrationAndTellTheOthersItIsPending(TestDatabase database) throws Exception {
		try (ConfigurableApplicationContext context = TestApplications.runWeb(database, this.migrations, UNRESTRICTED)) {
			List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				responses.add(this.http.sendAsync(HttpRequest.newBuilder(endpoint(context))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"description\": \"request " + i + "\"}"))
					.build(), HttpResponse.BodyHandlers.ofString()));
			}
			List<String> outcomes = new ArrayList<>();
			for (CompletableFuture<HttpResponse<String>> response : responses) {
				assertThat(response.get().statusCode()).isEqualTo(200);
				outcomes.add(this.json.readTree(response.get().body()).get("outcome").asString());
			}

			assertThat(outcomes).filteredOn("written"::equals).hasSize(1);
			assertThat(outcomes).filteredOn("already-pending"::equals).hasSize(7);
			assertThat(files()).singleElement().asString().startsWith("V2__request_");
		}
	}

	@Test
	void anOutputDirectoryThatCannotBeWrittenIsAnErrorThatSaysWhy(TestDatabase database) throws Exception {
		Path file = Files.writeString(this.migrations.resolve("not-a-directory"), "x");
		try (ConfigurableApplicationContext context = TestApplications.runWeb(database, this.migrations, UNRESTRICTED,
				"spring.pgautogen.output-dir=" + file)) {
			HttpResponse<String> response = post(context, "{}");

			assertThat(response.statusCode()).isEqualTo(500);
			JsonNode error = this.json.readTree(response.body());
			assertThat(error.get("error").asString()).isEqualTo("write-failed");
			assertThat(error.get("message").asString()).contains(file.toString()).contains("Nothing was written");
		}
	}

	@Test
	void postWithoutABodyNeedsNoContentType(TestDatabase database) throws Exception {
		try (ConfigurableApplicationContext context = TestApplications.runWeb(database, this.migrations, UNRESTRICTED)) {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(endpoint(context)).POST(HttpRequest.BodyPublishers.noBody()).build(),
					HttpResponse.BodyHandlers.ofString());

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(this.json.readTree(response.body()).get("outcome").asString()).isEqualTo("written");
		}
	}

	@Test
	void postWithAHostileDescriptionStaysInsideTheOutputDirectory(TestDatabase database) throws Exception {
		try (ConfigurableApplicationContext context = TestApplications.runWeb(database, this.migrations, UNRESTRICTED)) {
			HttpResponse<String> response = post(context, "{\"description\": \"../../../etc/passwd\"}");

			assertThat(response.statusCode()).isEqualTo(200);
			Path written = Path.of(this.json.readTree(response.body()).get("written").get(0).asString());
			assertThat(written.getParent()).isEqualTo(this.migrations);
			assertThat(written.getFileName().toString()).isEqualTo("V2__etc_passwd.sql");
		}
	}

	@Test
	void postWithoutAnOutputDirectoryIsAConflictThatSaysWhatToSet(TestDatabase database) throws Exception {
		try (ConfigurableApplicationContext context = TestApplications.runWeb(database, this.migrations, UNRESTRICTED,
				"spring.pgautogen.output-dir=")) {
			HttpResponse<String> response = post(context, "{}");

			assertThat(response.statusCode()).isEqualTo(409);
			JsonNode error = this.json.readTree(response.body());
			assertThat(error.get("error").asString()).isEqualTo("writing-disabled");
			assertThat(error.get("message").asString()).contains("spring.pgautogen.output-dir is empty");
		}
	}

	@Test
	void invalidDeclarationsAreUnprocessableWithTheFullExplanation(TestDatabase database) throws Exception {
		try (ConfigurableApplicationContext context = TestApplications.runWeb(database, this.migrations,
				"spring.pgautogen.locations=classpath:broken/*.sql", "spring.pgautogen.mode=off")) {
			HttpResponse<String> response = get(context);

			assertThat(response.statusCode()).isEqualTo(422);
			JsonNode error = this.json.readTree(response.body());
			assertThat(error.get("error").asString()).isEqualTo("declarations-cannot-be-planned");
			assertThat(error.get("message").asString()).contains("broken.sql:3:3: syntax error at or near \"RETRUN\"");
		}
	}

	private HttpResponse<String> get(ConfigurableApplicationContext context) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(endpoint(context)).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(ConfigurableApplicationContext context, String body)
			throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(endpoint(context))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI endpoint(ConfigurableApplicationContext context) {
		return URI.create("http://localhost:" + context.getEnvironment().getProperty("local.server.port")
				+ "/actuator/pgautogen");
	}

	private static JsonNode change(JsonNode plan, String identity) {
		for (JsonNode change : plan.get("changes")) {
			if (change.get("identity").asString().equals(identity)) {
				return change;
			}
		}
		throw new AssertionError("no change for " + identity + " in " + plan);
	}

	private List<String> files() throws IOException {
		try (Stream<Path> files = Files.list(this.migrations)) {
			return files.map(path -> path.getFileName().toString())
				.filter(name -> !name.startsWith("."))
				.sorted()
				.toList();
		}
	}
}

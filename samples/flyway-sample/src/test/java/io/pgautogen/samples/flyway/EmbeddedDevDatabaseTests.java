package io.pgautogen.samples.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample's development launcher on a machine with nothing but Java: it starts an embedded
 * PostgreSQL, and stopping the application with Ctrl-C (SIGINT) stops the server too; no
 * {@code postgres} process is left behind.
 */
class EmbeddedDevDatabaseTests {

	@TempDir
	Path data;

	@Test
	void ctrlCStopsTheEmbeddedServerWithTheApplication() throws Exception {
		ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"),
				"-D" + TestFlywaySampleApplication.EMBEDDED_DATA_DIRECTORY + "=" + this.data,
				TestFlywaySampleApplication.class.getName(), "--server.port=0", "--spring.pgautogen.mode=off")
			.redirectErrorStream(true);
		builder.environment().remove("SPRING_DATASOURCE_URL");
		Process application = builder.start();
		BufferedReader output = new BufferedReader(new InputStreamReader(application.getInputStream(), StandardCharsets.UTF_8));
		String line;
		boolean embedded = false;
		while ((line = output.readLine()) != null && !line.contains("Started FlywaySampleApplication")) {
			embedded |= line.contains("pgautogen sample runs on an embedded PostgreSQL");
		}
		assertThat(line).as("the application started").isNotNull();
		assertThat(embedded).isTrue();
		assertThat(postgresProcessesOn(this.data)).isNotEmpty();

		new ProcessBuilder("kill", "-INT", String.valueOf(application.pid())).start().waitFor();
		assertThat(application.waitFor(60, TimeUnit.SECONDS)).isTrue();

		assertThat(postgresProcessesOn(this.data)).as("postgres processes left behind").isEmpty();
	}

	private static List<String> postgresProcessesOn(Path data) {
		return ProcessHandle.allProcesses()
			.map(process -> process.info().commandLine().orElse(""))
			.filter(command -> command.contains("postgres") && command.contains(data.toString()))
			.toList();
	}
}

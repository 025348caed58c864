package io.pgautogen.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.pgautogen.test.PostgresServer;

/** The samples create the database {@code SPRING_DATASOURCE_URL} names when it is missing. */
class DatabasesTest {

	@Test
	void aMissingDatabaseIsCreatedOnceAndAnExistingOneIsLeftAlone() throws Exception {
		String server = PostgresServer.url();
		String name = "pgautogen_missing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String url = server.replaceFirst("/postgres(\\?|$)", "/" + name + "$1");
		try {
			assertThat(Databases.createIfMissing(url)).isTrue();
			assertThat(Databases.createIfMissing(url)).isFalse();
			try (Connection connection = DriverManager.getConnection(url)) {
				assertThat(connection.getCatalog()).isEqualTo(name);
			}
		}
		finally {
			try (Connection connection = DriverManager.getConnection(server); Statement statement = connection.createStatement()) {
				statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
		}
	}
}

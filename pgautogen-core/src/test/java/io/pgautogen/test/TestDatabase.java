package io.pgautogen.test;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own for one test, created on the {@link PostgresServer} and dropped afterwards.
 */
public final class TestDatabase implements AutoCloseable {

	private final String serverUrl;

	private final String name;

	private final String url;

	private TestDatabase(String serverUrl, String name) {
		this.serverUrl = serverUrl;
		this.name = name;
		this.url = withDatabase(serverUrl, name);
	}

	/** Creates a fresh, empty database. */
	public static TestDatabase create() {
		String serverUrl = PostgresServer.url();
		TestDatabase database = new TestDatabase(serverUrl,
				"pgautogen_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
		try (Connection connection = DriverManager.getConnection(serverUrl);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + database.name + " TEMPLATE template0 ENCODING 'UTF8'");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create a test database on " + serverUrl + ": " + ex.getMessage(), ex);
		}
		return database;
	}

	/** The database's name. */
	public String name() {
		return this.name;
	}

	/** A JDBC URL of this database, with credentials. */
	public String url() {
		return this.url;
	}

	/** The server's major version. */
	public int major() {
		return Integer.parseInt(queryString("SELECT current_setting('server_version_num')")) / 10000;
	}

	/** A data source for this database. */
	public DataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(this.url);
		return dataSource;
	}

	/** A new connection to this database, in auto-commit mode. */
	public Connection connect() {
		try {
			return DriverManager.getConnection(this.url);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Runs each statement in auto-commit mode. */
	public void execute(String... statements) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.setEscapeProcessing(false);
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	/** Runs {@code statements} in one transaction, under {@code search_path}. */
	public void executeInTransaction(String searchPath, List<String> statements) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			statement.setEscapeProcessing(false);
			statement.execute("SET LOCAL search_path = " + searchPath);
			for (String sql : statements) {
				statement.execute(sql);
			}
			connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	/** The first column of the first row of {@code sql}. */
	public String queryString(String sql) {
		List<String> values = queryStrings(sql);
		return values.isEmpty() ? null : values.get(0);
	}

	/** The first column of every row of {@code sql}. */
	public List<String> queryStrings(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			List<String> values = new ArrayList<>();
			while (rs.next()) {
				values.add(rs.getString(1));
			}
			return values;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		try (Connection connection = DriverManager.getConnection(this.serverUrl);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not drop test database " + this.name + ": " + ex.getMessage(), ex);
		}
	}

	private static String withDatabase(String serverUrl, String database) {
		URI uri = URI.create(serverUrl.substring("jdbc:".length()));
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		String port = (uri.getPort() > 0) ? ":" + uri.getPort() : "";
		return "jdbc:" + uri.getScheme() + "://" + uri.getHost() + port + "/" + database + query;
	}
}

package io.pgautogen.embedded;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Small conveniences for development databases on a server someone names. */
public final class Databases {

	private static final String INVALID_CATALOG_NAME = "3D000";

	private Databases() {
	}

	/**
	 * Creates the database a JDBC URL names when the server says it does not exist, connecting to the
	 * server's {@code postgres} database with the same credentials.
	 * @return whether the database was created
	 * @throws IllegalStateException when the server cannot be reached or refuses, with what to do
	 */
	public static boolean createIfMissing(String jdbcUrl) {
		try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
			return false;
		}
		catch (SQLException ex) {
			if (!INVALID_CATALOG_NAME.equals(ex.getSQLState())) {
				throw new IllegalStateException("Cannot connect to " + jdbcUrl.replaceAll("password=[^&]*", "password=…")
						+ ": " + ex.getMessage() + ". Check that the server runs and the URL, user and password are right.", ex);
			}
		}
		URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
		String database = uri.getPath().replaceFirst("^/", "");
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		String port = (uri.getPort() > 0) ? ":" + uri.getPort() : "";
		String maintenance = "jdbc:" + uri.getScheme() + "://" + uri.getHost() + port + "/postgres" + query;
		try (Connection connection = DriverManager.getConnection(maintenance);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
			return true;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Database " + database + " does not exist and could not be created: "
					+ ex.getMessage() + ". Create it (createdb " + database + "), or name another in the URL.", ex);
		}
	}
}

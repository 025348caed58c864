package io.pgautogen.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Runs catalog reads under an empty {@code search_path}, where PostgreSQL qualifies every name it
 * prints, and puts the previous value back afterwards. Transaction-local ({@code set_config(…, true)}).
 */
final class SearchPath {

	private SearchPath() {
	}

	static <T> T empty(Connection connection, SqlWork<T> work) throws SQLException {
		String previous = set(connection, "");
		T result;
		try {
			result = work.run();
		}
		catch (SQLException | RuntimeException ex) {
			try {
				set(connection, previous);
			}
			catch (SQLException restore) {
				ex.addSuppressed(restore);
			}
			throw ex;
		}
		set(connection, previous);
		return result;
	}

	private static String set(Connection connection, String value) throws SQLException {
		try (PreparedStatement ps = connection.prepareStatement(
				"SELECT s.previous, pg_catalog.set_config('search_path', ?, true)"
						+ " FROM (SELECT pg_catalog.current_setting('search_path') AS previous OFFSET 0) s")) {
			ps.setString(1, value);
			try (ResultSet rs = ps.executeQuery()) {
				rs.next();
				return rs.getString(1);
			}
		}
	}

	@FunctionalInterface
	interface SqlWork<T> {

		T run() throws SQLException;
	}
}

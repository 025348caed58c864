package io.pgautogen.plan;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which schemas a plan inspects: the configured ones, which must exist and then also
 * resolve unqualified names in declarations, or else the connection's current schema.
 */
final class SchemaResolution {

	private SchemaResolution() {
	}

	static List<String> schemas(Connection connection, List<String> configured) throws SQLException {
		if (configured.isEmpty()) {
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT pg_catalog.current_schema()")) {
				rs.next();
				String schema = rs.getString(1);
				if (schema == null) {
					throw new PlanningException("The connection has no current schema: its search_path names no"
							+ " existing schema. Set spring.pgautogen.schemas, or fix the search_path.");
				}
				return List.of(schema);
			}
		}
		Set<String> missing = new TreeSet<>(configured);
		try (PreparedStatement ps = connection.prepareStatement(
				"SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname::text = ANY(?)")) {
			ps.setArray(1, connection.createArrayOf("text", configured.toArray()));
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					missing.remove(rs.getString(1));
				}
			}
		}
		if (!missing.isEmpty()) {
			throw new PlanningException("Schemas " + missing + " do not exist in the database. Create them in a"
					+ " migration, or remove them from spring.pgautogen.schemas.");
		}
		// Unqualified names in declarations mean the inspected schemas, whatever the connection's own
		// search_path: a declaration for schema app may say "orders" for app.orders.
		try (PreparedStatement ps = connection.prepareStatement(
				"SELECT pg_catalog.set_config('search_path', pg_catalog.array_to_string("
						+ "ARRAY(SELECT pg_catalog.quote_ident(s) FROM pg_catalog.unnest(?::text[]) s), ', '), true)")) {
			ps.setArray(1, connection.createArrayOf("text", configured.toArray()));
			ps.execute();
		}
		return configured;
	}

}

package io.pgautogen.canonical;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.declaration.DeclarationProblem;
import io.pgautogen.declaration.DeclaredStatement;

/**
 * Declared indexes belong to declared materialized views: an index on a table, a view or a
 * materialized view nobody declared belongs in the project's migrations instead.
 */
final class IndexPlacement {

	private static final String NEW_INDEXES = """
			SELECT ic.relname, pg_catalog.format('%I.%I', n.nspname, c.relname), c.relkind = 'm'
			FROM pg_catalog.pg_index i
			JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
			JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
			JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
			WHERE pg_catalog.age(ic.xmin) <= 0 AND c.relkind <> 't'
			""";

	private IndexPlacement() {
	}

	/** Problems for each index the sandbox created that is not on a declared materialized view. */
	static List<DeclarationProblem> misplaced(Connection connection, List<PlannedStatement> statements,
			Map<String, DeclaredStatement> owners) throws SQLException {
		List<PlannedStatement> indexes = statements.stream().filter(p -> !p.createsObject()).toList();
		if (indexes.isEmpty()) {
			return List.of();
		}
		List<DeclarationProblem> problems = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(NEW_INDEXES)) {
			while (rs.next()) {
				String index = rs.getString(1);
				String table = rs.getString(2);
				DeclaredStatement owner = owners.get(table);
				if (rs.getBoolean(3) && owner != null && owner.declaration().kind() == ObjectKind.MATERIALIZED_VIEW) {
					continue;
				}
				PlannedStatement declaring = indexes.stream()
					.filter(p -> p.declared.objectName() != null && p.declared.objectName().name().equals(index))
					.findFirst()
					.orElse(indexes.get(0));
				problems.add(DeclarationProblem.of(declaring.declared.declaration().source().toString(),
						"creates index " + index + " on " + table + ", which is not a declared materialized view",
						"Declare indexes only next to the materialized view they belong to; keep indexes on tables"
								+ " in your Flyway or Liquibase migrations."));
			}
		}
		return problems;
	}
}

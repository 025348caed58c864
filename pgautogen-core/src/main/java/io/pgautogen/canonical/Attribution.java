package io.pgautogen.canonical;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import io.pgautogen.catalog.CatalogObject;
import io.pgautogen.catalog.CatalogRow;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.Scope;
import io.pgautogen.declaration.DeclarationProblem;
import io.pgautogen.declaration.DeclarationSource;
import io.pgautogen.declaration.DeclaredStatement;

/**
 * Ties the catalog rows read back from the sandbox to the declarations that wrote them, and
 * reports declarations that define the same object or objects outside the scope.
 */
final class Attribution {

	private Attribution() {
	}

	/**
	 * Pairs the rows of one kind with the statements of that kind: by the names the statements give
	 * their objects when that is unambiguous, else in the order of the subtransactions that wrote
	 * them, which is the order in which the statements last succeeded.
	 * @param byName whether only names may be used (one batch: no order to go by)
	 * @return false when they cannot be paired, which means two declarations wrote the same row
	 */
	static boolean attribute(List<CatalogRow> rows, List<PlannedStatement> statements,
			Map<String, DeclaredStatement> owners, boolean byName) {
		List<DeclaredStatement> creating = statements.stream()
			.filter(PlannedStatement::createsObject)
			.map(planned -> planned.declared)
			.toList();
		if (NameAttribution.attribute(rows, creating, owners)) {
			return true;
		}
		if (byName) {
			return false;
		}
		List<PlannedStatement> ordered = statements.stream()
			.filter(PlannedStatement::createsObject)
			.filter(PlannedStatement::succeeded)
			.sorted(Comparator.comparingInt(p -> p.sequence))
			.toList();
		if (rows.size() != ordered.size()) {
			return false;
		}
		for (int i = 0; i < rows.size(); i++) {
			owners.put(rows.get(i).object().identity(), ordered.get(i).declared);
		}
		return true;
	}

	/** A refused statement over an object another declaration created: the two define the same object. */
	static Optional<DeclarationProblem> duplicateOf(PlannedStatement planned, List<CatalogRow> rows,
			Map<String, DeclaredStatement> owners) {
		String error = errorText(planned.failure);
		ObjectKind kind = planned.objectKind();
		List<CatalogRow> named = rows.stream()
			.filter(row -> row.object().kind() == kind && error.contains(row.object().name()))
			.toList();
		CatalogRow match = named.stream()
			.filter(row -> error.contains(row.object().identity().substring(row.object().identity().indexOf('.') + 1)))
			.findFirst()
			.orElse(named.isEmpty() ? null : named.get(0));
		if (match == null || !owners.containsKey(match.object().identity())) {
			return Optional.empty();
		}
		return Optional.of(collision(planned.declared, match.object().identity(),
				owners.get(match.object().identity()).declaration().source()));
	}

	static DeclarationProblem collision(DeclaredStatement declared, String identity, DeclarationSource other) {
		return DeclarationProblem.of(declared.declaration().source().toString(),
				"defines " + identity + ", which " + other + " defines too", "Keep one of the two declarations.");
	}

	/** Declared objects in schemas that are not inspected, or matching an exclusion pattern. */
	static List<DeclarationProblem> outOfScope(List<CatalogRow> rows, Map<String, DeclaredStatement> owners,
			Scope scope) {
		List<DeclarationProblem> problems = new ArrayList<>();
		for (CatalogRow row : rows) {
			CatalogObject object = row.object();
			DeclaredStatement owner = owners.get(object.identity());
			String location = (owner != null) ? owner.declaration().source().toString() : object.identity();
			if (!scope.schemas().contains(object.schema())) {
				problems.add(DeclarationProblem.of(location,
						"defines " + object.identity() + " in schema '" + object.schema()
								+ "', which is not one of the inspected schemas " + scope.schemas(),
						"Add '" + object.schema() + "' to spring.pgautogen.schemas, or declare the object in an"
								+ " inspected schema."));
			}
			else if (scope.isExcluded(object.identity())) {
				problems.add(DeclarationProblem.of(location,
						"defines " + object.identity() + ", which matches the exclusion pattern '"
								+ scope.excludingPattern(object.identity()) + "'",
						"Remove the declaration, or the pattern from spring.pgautogen.exclude."));
			}
		}
		return problems;
	}

	static String errorText(java.sql.SQLException error) {
		if (error instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
			ServerErrorMessage server = psql.getServerErrorMessage();
			return server.getMessage() + "\n" + server.getDetail() + "\n" + server.getHint();
		}
		return String.valueOf(error.getMessage());
	}
}

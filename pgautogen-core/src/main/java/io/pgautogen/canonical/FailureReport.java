package io.pgautogen.canonical;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.pgautogen.catalog.CatalogRow;
import io.pgautogen.declaration.DeclarationProblem;
import io.pgautogen.declaration.DeclaredStatement;

/** Turns the statements that failed in the sandbox into problems, one per declaration at fault. */
final class FailureReport {

	private FailureReport() {
	}

	/**
	 * Describes failed declarations in declaration order. A statement PostgreSQL refused to run over
	 * an object that another declaration had just created is reported as a duplicate of that one.
	 * A statement that only names something missing that another failed declaration would have
	 * created is left out: fixing that one fixes both.
	 * @param rows the rows the sandbox wrote, when they could be tied to declarations, else {@code null}
	 * @param owners identity to declaration, for {@code rows}
	 */
	static List<DeclarationProblem> problems(List<DeclaredStatement> declared, List<PlannedStatement> failed,
			Problems problems, List<CatalogRow> rows, Map<String, DeclaredStatement> owners) {
		Map<PlannedStatement, DeclarationProblem> duplicates = new HashMap<>();
		if (rows != null) {
			for (PlannedStatement planned : failed) {
				if (planned.declared != null && planned.refusedReplacement()) {
					Attribution.duplicateOf(planned, rows, owners).ifPresent(problem -> duplicates.put(planned, problem));
				}
			}
		}
		List<DeclarationProblem> found = new ArrayList<>();
		for (PlannedStatement planned : failed) {
			if (planned.restored != null) {
				found.add(DeclarationProblem.of(planned.restored.identity(), "cannot be recreated over the declarations,"
						+ " which it depends on: " + planned.failure.getMessage(),
						"It is not managed by pgautogen, so its current definition must still work with the declared"
								+ " objects: change it in a migration of your own first, or declare it."));
			}
		}
		for (DeclaredStatement statement : declared) {
			for (PlannedStatement planned : failed) {
				if (planned.declared == statement && !namesFailedDeclaration(planned, failed)) {
					found.add(duplicates.containsKey(planned) ? duplicates.get(planned)
							: problems.of(statement, planned.sent, planned.failure));
				}
			}
		}
		return found;
	}

	private static boolean namesFailedDeclaration(PlannedStatement planned, List<PlannedStatement> failed) {
		if (!planned.failedOnUndefined()) {
			return false;
		}
		String error = Attribution.errorText(planned.failure);
		return failed.stream()
			.anyMatch(other -> other != planned && !other.failedOnUndefined() && (other.restored != null
					? error.contains(other.restored.name())
					: other.declared.objectName() != null && error.contains(other.declared.objectName().name())));
	}
}

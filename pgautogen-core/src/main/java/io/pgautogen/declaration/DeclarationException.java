package io.pgautogen.declaration;

import java.util.List;
import java.util.stream.Collectors;

import io.pgautogen.PgAutogenException;

/**
 * One or more declarations are invalid: they do not parse, do not run in PostgreSQL, or contradict
 * each other or the settings. Every problem names its declaration. The database is left exactly as
 * it was.
 */
public class DeclarationException extends PgAutogenException {

	private final List<DeclarationProblem> problems;

	public DeclarationException(List<DeclarationProblem> problems) {
		super(message(problems));
		this.problems = List.copyOf(problems);
	}

	/** The problems, in declaration order. */
	public List<DeclarationProblem> problems() {
		return this.problems;
	}

	private static String message(List<DeclarationProblem> problems) {
		String heading = (problems.size() == 1) ? "1 declaration is invalid"
				: problems.size() + " declarations are invalid";
		return problems.stream()
			.map(DeclarationProblem::describe)
			.collect(Collectors.joining("\n\n", heading + " (the database was left unchanged):\n\n", ""));
	}
}

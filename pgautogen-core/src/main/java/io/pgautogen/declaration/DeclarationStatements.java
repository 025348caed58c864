package io.pgautogen.declaration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.sql.CreateStatement;
import io.pgautogen.sql.SqlStatement;
import io.pgautogen.sql.SqlStatements;

/**
 * Turns declarations and {@code .sql} scripts into single {@link DeclaredStatement}s, rejecting
 * anything that is not exactly one {@code CREATE FUNCTION}, {@code CREATE PROCEDURE} or
 * {@code CREATE TRIGGER} statement of the declared kind.
 */
public final class DeclarationStatements {

	private static final String ONLY_ROUTINES_AND_TRIGGERS = "Declare only CREATE FUNCTION, CREATE PROCEDURE and"
			+ " CREATE [CONSTRAINT] TRIGGER statements here; keep tables, grants, comments and other DDL in your"
			+ " Flyway or Liquibase migrations.";

	private DeclarationStatements() {
	}

	/**
	 * Splits a script holding any number of {@code CREATE FUNCTION/PROCEDURE/TRIGGER} statements into
	 * declarations, each attributed to {@code path} and the line its statement starts on.
	 * @throws DeclarationException naming every statement that cannot be declared
	 */
	public static List<Declaration> parseScript(String script, String path) {
		List<Declaration> declarations = new ArrayList<>();
		List<DeclarationProblem> problems = new ArrayList<>();
		for (SqlStatement statement : SqlStatements.split(script)) {
			DeclarationSource source = DeclarationSource.file(path, statement.line());
			Optional<CreateStatement> head = CreateStatement.parse(statement.sql());
			if (head.isPresent() && head.get().createsRoutine()) {
				declarations.add(new PgFunction(statement.sql(), source));
			}
			else if (head.isPresent() && head.get().createsTrigger()) {
				declarations.add(new PgTrigger(statement.sql(), source));
			}
			else {
				problems.add(DeclarationProblem.of(source.toString(),
						"'" + firstLine(statement.sql()) + "' is not a function, procedure or trigger definition",
						ONLY_ROUTINES_AND_TRIGGERS));
			}
		}
		if (!problems.isEmpty()) {
			throw new DeclarationException(problems);
		}
		return declarations;
	}

	/**
	 * Checks that each declaration holds exactly one statement that creates an object of its kind.
	 * @throws DeclarationException naming every declaration that does not
	 */
	public static List<DeclaredStatement> prepare(List<? extends Declaration> declarations) {
		List<DeclaredStatement> prepared = new ArrayList<>();
		List<DeclarationProblem> problems = new ArrayList<>();
		for (Declaration declaration : declarations) {
			List<SqlStatement> statements = SqlStatements.split(declaration.sql());
			String location = declaration.source().toString();
			if (statements.size() != 1) {
				problems.add(DeclarationProblem.of(location,
						(statements.isEmpty() ? "the declaration holds no statement"
								: "the declaration holds " + statements.size() + " statements"),
						"Give each " + typeName(declaration) + " exactly one CREATE statement;"
								+ " a .sql file under spring.pgautogen.locations may hold several."));
				continue;
			}
			SqlStatement statement = statements.get(0);
			Optional<CreateStatement> head = CreateStatement.parse(statement.sql());
			boolean matches = head.isPresent() && ((declaration.kind() == ObjectKind.FUNCTION)
					? head.get().createsRoutine() : head.get().createsTrigger());
			if (!matches) {
				String expected = (declaration.kind() == ObjectKind.FUNCTION)
						? "CREATE FUNCTION or CREATE PROCEDURE" : "CREATE TRIGGER";
				problems.add(DeclarationProblem.of(location,
						"a " + typeName(declaration) + " must hold a " + expected + " statement, not '"
								+ firstLine(statement.sql()) + "'",
						(head.isPresent() && (head.get().createsRoutine() || head.get().createsTrigger()))
								? "Declare it as a " + ((declaration.kind() == ObjectKind.FUNCTION) ? "PgTrigger"
										: "PgFunction") + " instead."
								: ONLY_ROUTINES_AND_TRIGGERS));
				continue;
			}
			prepared.add(new DeclaredStatement(declaration, head.get(), statement.line(),
					head.get().objectName().orElse(null)));
		}
		if (!problems.isEmpty()) {
			throw new DeclarationException(problems);
		}
		return prepared;
	}

	private static String typeName(Declaration declaration) {
		return (declaration instanceof PgFunction) ? "PgFunction" : "PgTrigger";
	}

	private static String firstLine(String sql) {
		String line = sql.strip().lines().findFirst().orElse("");
		return (line.length() > 60) ? line.substring(0, 57) + "..." : line;
	}
}

package io.pgautogen.canonical;

import java.sql.SQLException;
import java.time.Duration;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import io.pgautogen.declaration.DeclarationProblem;
import io.pgautogen.declaration.DeclaredStatement;

/** Turns PostgreSQL's errors into {@link DeclarationProblem}s that point into the declaration. */
final class Problems {

	private final Duration lockTimeout;

	private final Duration statementTimeout;

	Problems(Duration lockTimeout, Duration statementTimeout) {
		this.lockTimeout = lockTimeout;
		this.statementTimeout = statementTimeout;
	}

	/**
	 * @param statement the declaration that failed
	 * @param sent the statement as sent, which may have gained {@code OR REPLACE}
	 * @param error what PostgreSQL said
	 */
	DeclarationProblem of(DeclaredStatement statement, SentStatement sent, SQLException error) {
		ServerErrorMessage server = (error instanceof PSQLException psql) ? psql.getServerErrorMessage() : null;
		String message = (server != null && server.getMessage() != null) ? server.getMessage() : error.getMessage();
		String sqlState = error.getSQLState();
		String location = statement.declaration().source().toString();
		String excerpt = null;
		int position = (server != null) ? server.getPosition() : 0;
		if (position <= 0 && server != null && server.getInternalPosition() > 0 && server.getInternalQuery() != null) {
			int bodyStart = sent.sql().indexOf(server.getInternalQuery());
			if (bodyStart >= 0) {
				position = sent.sql().codePointCount(0, bodyStart) + server.getInternalPosition();
			}
		}
		if (position > 0) {
			String[] located = statement.locate(sent.originalPosition(position));
			location = located[0];
			excerpt = located[1];
		}
		String action = String.valueOf(message).contains("multiple commands")
				? "PostgreSQL reads more than one statement here, so nothing of it was run. Check the quotes,"
						+ " comments and BEGIN ATOMIC ... END of the statement, and report the text to pgautogen:"
						+ " its reading of SQL must agree with PostgreSQL's."
				: action(sqlState);
		return new DeclarationProblem(location, message, sqlState, detail(server), excerpt, action);
	}

	private static String detail(ServerErrorMessage server) {
		if (server == null) {
			return null;
		}
		StringBuilder detail = new StringBuilder();
		append(detail, "Detail", server.getDetail());
		append(detail, "Hint", server.getHint());
		append(detail, "Context", server.getWhere());
		return detail.isEmpty() ? null : detail.toString();
	}

	private static void append(StringBuilder text, String label, String value) {
		if (value != null && !value.isBlank()) {
			if (!text.isEmpty()) {
				text.append('\n');
			}
			text.append(label).append(": ").append(value.strip());
		}
	}

	private String action(String sqlState) {
		if (sqlState == null) {
			return "Fix the declaration so that PostgreSQL accepts it.";
		}
		return switch (sqlState) {
			case "42601" -> "Fix the syntax of the statement.";
			case "42P01" -> "The table does not exist in this database. pgautogen plans against the migrated database:"
					+ " create the table in a Flyway/Liquibase migration, or fix the name. Unqualified names are looked"
					+ " up in the search_path, which is the schemas in spring.pgautogen.schemas when they are set, else"
					+ " the connection's own: qualify the name, or list its schema there.";
			case "42883" -> "The function it uses does not exist: declare it too, create it in a migration, or fix the"
					+ " name and argument types.";
			case "42704" -> "A type or other object it names does not exist: create it in a migration, or fix the name.";
			case "3F000" -> "The schema does not exist: create it in a migration first, or fix the name.";
			case "42501" -> "The database user may not do this. Planning needs the privileges the migration needs:"
					+ " CREATE on the schema, and ownership of the tables that get triggers.";
			case "55P03" -> "Another session holds a lock this statement needs; pgautogen waited "
					+ human(this.lockTimeout) + " (spring.pgautogen.lock-timeout). Retry once that session is done,"
					+ " or raise the timeout.";
			case "57014" -> "The statement ran longer than " + human(this.statementTimeout)
					+ " (statement timeout) and was cancelled.";
			case "40001", "40P01" -> "Another session changed the same objects at the same time; plan again.";
			case "53200" -> "PostgreSQL's lock table is full: planning creates every declared object in one transaction."
					+ " Raise max_locks_per_transaction on the server (it needs a restart).";
			default -> "Fix the declaration so that PostgreSQL accepts it.";
		};
	}

	private static String human(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}
}

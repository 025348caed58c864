package io.pgautogen.canonical;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;
import org.postgresql.jdbc.PreferQueryMode;

import io.pgautogen.PgAutogenException;
import io.pgautogen.declaration.DeclarationProblem;
import io.pgautogen.declaration.DeclaredStatement;

/**
 * The server-side half of "nothing but the one declared CREATE ever runs". Declared text reaches
 * PostgreSQL only as a batch entry over the extended query protocol, where pgjdbc sends each entry
 * as one Parse message and PostgreSQL refuses a Parse holding more than one statement ("cannot insert
 * multiple commands into a prepared statement") before running any of it. The entry starts with a
 * head pgautogen wrote itself ({@link io.pgautogen.sql.CreateStatement#rewritten}), so that one
 * statement is of the declared kind. The simple protocol ({@code preferQueryMode=simple}, and plain
 * statements under {@code extendedForPrepared}) lets the server run every statement a text holds,
 * so planning refuses it.
 */
final class OneStatementGuard {

	private OneStatementGuard() {
	}

	/**
	 * @throws PgAutogenException when the connection would send declarations over the simple protocol
	 */
	static void requireExtendedProtocol(Connection connection) throws SQLException {
		PreferQueryMode mode = connection.unwrap(PGConnection.class).getPreferQueryMode();
		if (mode == PreferQueryMode.SIMPLE || mode == PreferQueryMode.EXTENDED_FOR_PREPARED) {
			throw new PgAutogenException("pgautogen will not plan over a connection with preferQueryMode=" + mode.value()
					+ ": in that mode PostgreSQL runs every statement a declaration's text holds, and planning"
					+ " promises to run nothing but the one declared CREATE statement.\nWhat to do: remove"
					+ " preferQueryMode from the JDBC URL or data source properties pgautogen plans with (pgjdbc's"
					+ " default, extended, is what it needs). Nothing was changed.");
		}
	}

	/**
	 * The statements pgjdbc would send as more than one message: pgjdbc refuses those in a batch, and
	 * they are reported here by declaration instead.
	 */
	static List<DeclarationProblem> splitByDriver(List<DeclaredStatement> statements, List<String> sent)
			throws SQLException {
		List<DeclarationProblem> problems = new java.util.ArrayList<>();
		for (int i = 0; i < statements.size(); i++) {
			List<NativeQuery> queries = Parser.parseJdbcSql(sent.get(i), true, false, true, false, false);
			if (queries.size() != 1) {
				problems.add(DeclarationProblem.of(statements.get(i).declaration().source().toString(),
						"the JDBC driver reads this statement as " + queries.size() + " statements",
						"Check the quotes, comments and semicolons of the statement; pgautogen sends a declaration"
								+ " only when it, the driver and PostgreSQL all read it as one statement."));
			}
		}
		return problems;
	}
}

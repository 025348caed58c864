package io.pgautogen.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements where PostgreSQL's grammar ends them: at a semicolon outside
 * quotes, comments and parentheses, except inside the {@code BEGIN ATOMIC … END} body of a
 * {@code CREATE FUNCTION}/{@code CREATE PROCEDURE} (PostgreSQL 14+). That body ends at the first
 * {@code END} that directly follows {@code ATOMIC} or a semicolon: the grammar requires every body
 * statement to end with a semicolon and no body statement can start with {@code END}, so
 * {@code begin} and {@code end} used as names ({@code SELECT 1 AS end}) or {@code CASE … END}
 * cannot end it.
 */
public final class SqlStatements {

	private SqlStatements() {
	}

	/**
	 * Returns the statements of {@code sql} in order; text holding only comments yields none.
	 * @throws SqlScanException where the text cannot be read with certainty
	 */
	public static List<SqlStatement> split(String sql) {
		List<SqlStatement> statements = new ArrayList<>();
		Lines lines = new Lines(sql);
		int statementStart = -1;
		int statementEnd = -1;
		int parenDepth = 0;
		RoutineHeader header = new RoutineHeader();
		Body body = Body.NONE;
		SqlToken previous = null;
		for (SqlToken token : SqlLexer.scan(sql)) {
			if (token.isInsignificant()) {
				continue;
			}
			boolean semicolon = token.isSymbol(sql, ';');
			if (semicolon && parenDepth == 0 && body != Body.OPEN) {
				if (statementStart >= 0) {
					statements.add(new SqlStatement(sql.substring(statementStart, statementEnd), statementStart,
							lines.lineAt(statementStart)));
				}
				statementStart = -1;
				header = new RoutineHeader();
				body = Body.NONE;
				previous = null;
				continue;
			}
			if (statementStart < 0) {
				statementStart = token.start();
			}
			statementEnd = token.end();
			if (token.isSymbol(sql, '(')) {
				parenDepth++;
			}
			else if (token.isSymbol(sql, ')') && parenDepth > 0) {
				parenDepth--;
			}
			else if (token.type() == SqlToken.Type.WORD) {
				header.accept(sql, token);
				if (body == Body.NONE && header.isRoutine() && parenDepth == 0 && previous != null
						&& previous.isKeyword(sql, "begin") && token.isKeyword(sql, "atomic")) {
					body = Body.OPEN;
				}
				else if (body == Body.OPEN && token.isKeyword(sql, "end") && previous != null
						&& (previous.isSymbol(sql, ';') || previous.isKeyword(sql, "atomic"))) {
					body = Body.CLOSED;
				}
			}
			previous = token;
		}
		if (statementStart >= 0) {
			statements.add(new SqlStatement(sql.substring(statementStart, statementEnd), statementStart,
					lines.lineAt(statementStart)));
		}
		return statements;
	}

	/** Where a statement stands with respect to a SQL-standard routine body. */
	private enum Body {
		NONE, OPEN, CLOSED
	}

	/**
	 * Tracks whether a statement starts with {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}, looking
	 * at its first four words.
	 */
	private static final class RoutineHeader {

		private final char[] initials = new char[4];

		private int words;

		void accept(String sql, SqlToken word) {
			if (this.words < this.initials.length) {
				for (String keyword : new String[] { "create", "function", "procedure", "or", "replace" }) {
					if (word.isKeyword(sql, keyword)) {
						this.initials[this.words] = keyword.charAt(0);
					}
				}
			}
			this.words++;
		}

		boolean isRoutine() {
			char[] w = this.initials;
			return w[0] == 'c' && (w[1] == 'f' || w[1] == 'p'
					|| (w[1] == 'o' && w[2] == 'r' && (w[3] == 'f' || w[3] == 'p')));
		}
	}
}

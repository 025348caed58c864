package io.pgautogen.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements the way psql does: a semicolon ends a statement unless it is
 * inside quotes, a comment, parentheses, or the {@code BEGIN … END} body of a
 * {@code CREATE FUNCTION}/{@code CREATE PROCEDURE} with a SQL-standard body (PostgreSQL 14+).
 * The {@code BEGIN}/{@code CASE}/{@code END} counting is psql's own heuristic from
 * {@code psqlscan.l}.
 */
public final class SqlStatements {

	private SqlStatements() {
	}

	/** Returns the statements of {@code sql} in order; text holding only comments yields none. */
	public static List<SqlStatement> split(String sql) {
		List<SqlStatement> statements = new ArrayList<>();
		List<SqlToken> tokens = SqlLexer.tokenize(sql);
		int statementStart = -1;
		int statementEnd = -1;
		int parenDepth = 0;
		int beginDepth = 0;
		RoutineHeader header = new RoutineHeader();
		for (SqlToken token : tokens) {
			if (token.isInsignificant()) {
				continue;
			}
			if (token.isSymbol(sql, ';') && parenDepth == 0 && beginDepth == 0) {
				if (statementStart >= 0) {
					statements.add(statement(sql, statementStart, statementEnd));
				}
				statementStart = -1;
				header = new RoutineHeader();
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
				if (header.isRoutine() && parenDepth == 0) {
					if (token.isKeyword(sql, "begin")) {
						beginDepth++;
					}
					else if (token.isKeyword(sql, "case") && beginDepth > 0) {
						beginDepth++;
					}
					else if (token.isKeyword(sql, "end") && beginDepth > 0) {
						beginDepth--;
					}
				}
			}
		}
		if (statementStart >= 0) {
			statements.add(statement(sql, statementStart, statementEnd));
		}
		return statements;
	}

	private static SqlStatement statement(String sql, int start, int end) {
		return new SqlStatement(sql.substring(start, end), start, lineAt(sql, start));
	}

	/** Returns the 1-based line number of {@code offset} in {@code text}. */
	public static int lineAt(String text, int offset) {
		int line = 1;
		for (int i = 0; i < offset && i < text.length(); i++) {
			if (text.charAt(i) == '\n') {
				line++;
			}
		}
		return line;
	}

	/**
	 * Tracks whether a statement starts with {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}, looking
	 * at its first four words as psql does.
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

package io.pgautogen.writer;

import java.util.List;
import java.util.regex.Pattern;

import io.pgautogen.sql.SqlLexer;
import io.pgautogen.sql.SqlToken;

/**
 * Rewrites SQL so that Liquibase's formatted-SQL parser passes it to PostgreSQL unchanged. Liquibase
 * expands {@code ${…}} everywhere (environment variables and system properties included, inside
 * function bodies too), reads lines that look like its own {@code --changeset}, {@code --rollback},
 * {@code --comment} … directives as directives, and splits on line breaks. String constants that
 * would be affected become escape strings ({@code E'…'}) on one line, with {@code $} before
 * {@code {} written as {@code \x24}; PostgreSQL reads the same value. Everything else is left as is.
 * <p>
 * Liquibase runs a changeset that does not split statements as one JDBC statement, which pgjdbc
 * splits itself; pgjdbc cannot find the end of a SQL-standard {@code BEGIN ATOMIC} body and glues
 * everything after it into one command (pgjdbc#3259). Such a statement is therefore run through
 * {@code DO … EXECUTE}, where the body is one dollar-quoted string to pgjdbc.
 */
final class LiquibaseSafeSql {

	private static final Pattern DIRECTIVE = Pattern.compile(
			"(?i)\\s*-+\\s*(property|changeset|rollback|precondition|comment|validchecksum|ignore|liquibase).*"
					+ "|\\s*/\\*\\s*liquibase.*");

	private LiquibaseSafeSql() {
	}

	static String rewrite(String sql) {
		List<SqlToken> tokens = SqlLexer.tokenize(sql);
		String safe = escapeLiterals(sql, tokens);
		return hasAtomicBody(sql, tokens) ? executedByDo(safe) : safe;
	}

	private static String escapeLiterals(String sql, List<SqlToken> tokens) {
		StringBuilder safe = new StringBuilder(sql.length());
		for (SqlToken token : tokens) {
			String text = token.text(sql);
			if (token.type() == SqlToken.Type.STRING) {
				String value = stringValue(text);
				safe.append((value != null && affected(value)) ? escapeString(value) : text);
			}
			else if (token.type() == SqlToken.Type.QUOTED_IDENTIFIER && text.contains("${")) {
				safe.append("U&").append(text.startsWith("U&") ? text.substring(2).replace("${", "\\0024{")
						: text.replace("\\", "\\\\").replace("${", "\\0024{"));
			}
			else {
				safe.append(text);
			}
		}
		return safe.toString();
	}

	private static boolean hasAtomicBody(String sql, List<SqlToken> tokens) {
		SqlToken previous = null;
		for (SqlToken token : tokens) {
			if (token.isInsignificant()) {
				continue;
			}
			if (previous != null && previous.isKeyword(sql, "begin") && token.isKeyword(sql, "atomic")) {
				return true;
			}
			previous = token;
		}
		return false;
	}

	private static String executedByDo(String statement) {
		String inner = unusedTag(statement, "ddl");
		String outer = unusedTag(statement + inner, "do");
		return "DO " + outer + " BEGIN EXECUTE " + inner + statement + inner + "; END " + outer;
	}

	private static String unusedTag(String text, String name) {
		String tag = "$pgautogen_" + name + "$";
		for (int i = 1; text.contains(tag); i++) {
			tag = "$pgautogen_" + name + i + "$";
		}
		return tag;
	}

	private static boolean affected(String value) {
		if (value.contains("${") || value.indexOf('\r') >= 0) {
			return true;
		}
		return value.lines().anyMatch(line -> DIRECTIVE.matcher(line).matches());
	}

	/** The value of a standard, escape or dollar-quoted string constant; {@code null} for other kinds. */
	private static String stringValue(String token) {
		if (token.startsWith("$")) {
			int tagEnd = token.indexOf('$', 1) + 1;
			return token.substring(tagEnd, token.length() - tagEnd);
		}
		if (token.startsWith("'") && token.endsWith("'") && token.length() >= 2) {
			return token.substring(1, token.length() - 1).replace("''", "'");
		}
		if ((token.startsWith("E'") || token.startsWith("e'")) && token.endsWith("'")) {
			return unescape(token.substring(2, token.length() - 1));
		}
		return null;
	}

	private static String escapeString(String value) {
		StringBuilder escaped = new StringBuilder("E'");
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> escaped.append("\\\\");
				case '\'' -> escaped.append("\\'");
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				case '\t' -> escaped.append("\\t");
				case '$' -> escaped.append((i + 1 < value.length() && value.charAt(i + 1) == '{') ? "\\x24" : "$");
				default -> escaped.append(c);
			}
		}
		return escaped.append('\'').toString();
	}

	/** Decodes the body of an escape string constant ({@code E'…'}). */
	private static String unescape(String body) {
		StringBuilder value = new StringBuilder();
		for (int i = 0; i < body.length(); i++) {
			char c = body.charAt(i);
			if (c == '\'' && i + 1 < body.length() && body.charAt(i + 1) == '\'') {
				value.append('\'');
				i++;
			}
			else if (c != '\\' || i + 1 >= body.length()) {
				value.append(c);
			}
			else {
				char next = body.charAt(++i);
				switch (next) {
					case 'b' -> value.append('\b');
					case 'f' -> value.append('\f');
					case 'n' -> value.append('\n');
					case 'r' -> value.append('\r');
					case 't' -> value.append('\t');
					case 'x' -> i = appendCode(body, i + 1, 2, 16, value) - 1;
					case 'u' -> i = appendCode(body, i + 1, 4, 16, value) - 1;
					case 'U' -> i = appendCode(body, i + 1, 8, 16, value) - 1;
					default -> {
						if (next >= '0' && next <= '7') {
							i = appendCode(body, i, 3, 8, value) - 1;
						}
						else {
							value.append(next);
						}
					}
				}
			}
		}
		return value.toString();
	}

	private static int appendCode(String body, int start, int maxDigits, int radix, StringBuilder value) {
		int end = start;
		while (end < body.length() && end - start < maxDigits && Character.digit(body.charAt(end), radix) >= 0) {
			end++;
		}
		value.appendCodePoint(Integer.parseInt(body.substring(start, end), radix));
		return end;
	}
}

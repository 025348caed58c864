package io.pgautogen.sql;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import io.pgautogen.sql.SqlToken.Type;

/**
 * Splits PostgreSQL SQL text into tokens by the lexical rules of PostgreSQL's own scanner
 * ({@code src/backend/parser/scan.l}): whitespace is exactly {@code [ \t\n\r\f]}, a {@code --}
 * comment ends at {@code \r} or {@code \n}, block comments nest, strings continue across a line
 * break ({@code 'a'} newline {@code 'b'} is one string, keeping its escape rules), {@code E''}
 * strings take backslash escapes, dollar quotes end at their own tag, and every character from
 * U+0080 up belongs to names. Assumes {@code standard_conforming_strings = on}, which the planning
 * transaction sets so that the server reads declarations the same way.
 * <p>
 * Where the reading of a text depends on the server's version or cannot be made with certainty, the
 * lexer refuses it with a {@link SqlScanException} instead of guessing: an unterminated quote or
 * comment, a NUL or other control character, a vertical tab or Unicode space outside quotes (to
 * PostgreSQL those are an error or part of a name), and a number run into a name ({@code 1e'…'},
 * {@code 0x1F}, {@code 1_000}, read differently from one major to the next).
 */
public final class SqlLexer {

	private final String sql;

	private int position;

	private SqlLexer(String sql) {
		this.sql = sql;
	}

	/**
	 * Tokenizes {@code sql}; the tokens cover the whole text without gaps.
	 * @throws SqlScanException where the text cannot be read with certainty
	 */
	public static List<SqlToken> tokenize(String sql) {
		List<SqlToken> tokens = new ArrayList<>();
		scan(sql).forEach(tokens::add);
		return tokens;
	}

	/**
	 * The tokens of {@code sql}, each read when it is asked for: a caller that needs only the head of
	 * a statement does not pay for scanning its body.
	 */
	public static Iterable<SqlToken> scan(String sql) {
		return () -> new Iterator<>() {

			private final SqlLexer lexer = new SqlLexer(sql);

			@Override
			public boolean hasNext() {
				return this.lexer.position < sql.length();
			}

			@Override
			public SqlToken next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				int start = this.lexer.position;
				Type type = this.lexer.next();
				return new SqlToken(type, start, this.lexer.position);
			}
		};
	}

	private Type next() {
		char c = this.sql.charAt(this.position);
		if (isSpace(c)) {
			while (isSpace(peek(0))) {
				this.position++;
			}
			return Type.WHITESPACE;
		}
		if (c == '-' && peek(1) == '-') {
			while (this.position < this.sql.length() && !isNewline(peek(0))) {
				this.position++;
			}
			return Type.LINE_COMMENT;
		}
		if (c == '/' && peek(1) == '*') {
			skipBlockComment();
			return Type.BLOCK_COMMENT;
		}
		if (c == '\'') {
			skipString(false);
			return Type.STRING;
		}
		if (c == '"') {
			skipQuoted('"');
			return Type.QUOTED_IDENTIFIER;
		}
		if (c == '$') {
			return dollar();
		}
		if (isIdentifierStart(c)) {
			return wordOrPrefixedQuote(c);
		}
		if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
			return number();
		}
		refuseStrayCharacter(c);
		this.position++;
		return Type.SYMBOL;
	}

	private Type dollar() {
		if (isDigit(peek(1))) {
			this.position++;
			while (isDigit(peek(0))) {
				this.position++;
			}
			refuseRunOn("parameter");
			return Type.NUMBER;
		}
		int tagEnd = dollarTagEnd(this.position);
		if (tagEnd > 0) {
			String tag = this.sql.substring(this.position, tagEnd);
			int close = this.sql.indexOf(tag, tagEnd);
			if (close < 0) {
				throw unterminated("dollar-quoted string " + tag);
			}
			this.position = close + tag.length();
			return Type.STRING;
		}
		this.position++;
		return Type.SYMBOL;
	}

	private Type wordOrPrefixedQuote(char c) {
		char lower = Character.toLowerCase(c);
		if (lower == 'e' && peek(1) == '\'') {
			this.position++;
			skipString(true);
			return Type.STRING;
		}
		if ((lower == 'b' || lower == 'x' || lower == 'n') && peek(1) == '\'') {
			this.position++;
			skipString(false);
			return Type.STRING;
		}
		if (lower == 'u' && peek(1) == '&' && (peek(2) == '\'' || peek(2) == '"')) {
			char quote = peek(2);
			this.position += 2;
			if (quote == '\'') {
				skipString(false);
				return Type.STRING;
			}
			skipQuoted('"');
			return Type.QUOTED_IDENTIFIER;
		}
		while (isIdentifierPart(peek(0))) {
			refuseInvisible(peek(0));
			this.position++;
		}
		return Type.WORD;
	}

	/**
	 * Reads an integer, decimal or real constant as PostgreSQL does ({@code 12}, {@code 1.5},
	 * {@code .5}, {@code 1e-3}); {@code 1..5} is the integer 1 followed by {@code ..}.
	 */
	private Type number() {
		skipDigits();
		if (peek(0) == '.' && peek(1) != '.') {
			this.position++;
			skipDigits();
		}
		if ((peek(0) == 'e' || peek(0) == 'E')
				&& (isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))))) {
			this.position += 2;
			skipDigits();
		}
		refuseRunOn("number");
		return Type.NUMBER;
	}

	private void skipDigits() {
		while (isDigit(peek(0))) {
			this.position++;
		}
	}

	/**
	 * A number or parameter directly followed by a name character is read differently by each major
	 * (a separate name up to 14, an error from 15, hexadecimal or separated digits from 16).
	 */
	private void refuseRunOn(String what) {
		if (isIdentifierPart(peek(0))) {
			throw new SqlScanException(this.position, "a " + what + " runs straight into '" + peek(0)
					+ "', which PostgreSQL versions read differently; put a space between them, or quote the value");
		}
	}

	/**
	 * Skips a string constant from its opening quote. After the closing quote, whitespace holding a
	 * line break followed by another quote continues the same string, under the same escape rules.
	 */
	private void skipString(boolean backslashEscapes) {
		int start = this.position;
		while (true) {
			this.position++;
			while (true) {
				if (this.position >= this.sql.length()) {
					this.position = start;
					throw unterminated("quoted string");
				}
				char c = this.sql.charAt(this.position);
				if (backslashEscapes && c == '\\') {
					this.position += 2;
					continue;
				}
				this.position++;
				if (c == '\'') {
					if (peek(0) == '\'') {
						this.position++;
						continue;
					}
					break;
				}
			}
			int continuation = continuation(this.position);
			if (continuation < 0) {
				return;
			}
			this.position = continuation;
		}
	}

	/**
	 * Where a string continues after its closing quote at {@code from}: the offset of the next
	 * opening quote when only whitespace with at least one line break (and {@code --} comments) lies
	 * between, else -1.
	 */
	private int continuation(int from) {
		int i = from;
		boolean newline = false;
		while (i < this.sql.length()) {
			char c = this.sql.charAt(i);
			if (isNewline(c)) {
				newline = true;
				i++;
			}
			else if (isSpace(c)) {
				i++;
			}
			else if (c == '-' && i + 1 < this.sql.length() && this.sql.charAt(i + 1) == '-') {
				while (i < this.sql.length() && !isNewline(this.sql.charAt(i))) {
					i++;
				}
			}
			else {
				return (newline && c == '\'') ? i : -1;
			}
		}
		return -1;
	}

	/** Skips a quoted identifier; a doubled quote stands for one. */
	private void skipQuoted(char quote) {
		int start = this.position;
		this.position++;
		while (this.position < this.sql.length()) {
			char c = this.sql.charAt(this.position++);
			if (c == quote) {
				if (peek(0) == quote) {
					this.position++;
					continue;
				}
				return;
			}
		}
		this.position = start;
		throw unterminated("quoted identifier");
	}

	private void skipBlockComment() {
		int start = this.position;
		int depth = 0;
		while (this.position < this.sql.length()) {
			if (peek(0) == '/' && peek(1) == '*') {
				depth++;
				this.position += 2;
			}
			else if (peek(0) == '*' && peek(1) == '/') {
				depth--;
				this.position += 2;
				if (depth == 0) {
					return;
				}
			}
			else {
				this.position++;
			}
		}
		this.position = start;
		throw unterminated("/* comment");
	}

	/**
	 * Returns the offset after the closing {@code $} of a dollar-quote tag starting at {@code start},
	 * or -1 when the {@code $} there does not open a dollar quote.
	 */
	private int dollarTagEnd(int start) {
		int i = start + 1;
		if (i < this.sql.length() && this.sql.charAt(i) == '$') {
			return i + 1;
		}
		if (i >= this.sql.length() || !isIdentifierStart(this.sql.charAt(i))) {
			return -1;
		}
		while (i < this.sql.length()) {
			char c = this.sql.charAt(i);
			if (c == '$') {
				return i + 1;
			}
			if (!isIdentifierStart(c) && !isDigit(c)) {
				return -1;
			}
			i++;
		}
		return -1;
	}

	private void refuseStrayCharacter(char c) {
		if (c == '\0') {
			throw new SqlScanException(this.position, "a NUL character, which PostgreSQL cannot take in SQL text");
		}
		if (c == '\u000B') {
			throw new SqlScanException(this.position,
					"a vertical tab, which PostgreSQL reads as whitespace from version 16 and as an error before");
		}
		if (c < ' ' || c == '\u007F') {
			throw new SqlScanException(this.position,
					String.format("the control character U+%04X, which PostgreSQL does not accept here", (int) c));
		}
	}

	/** Unicode spaces are name characters to PostgreSQL: outside quotes they are a mistake to point out. */
	private void refuseInvisible(char c) {
		if (c >= '\u0080' && (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B'
				|| c == '\u2060' || c == '\uFEFF')) {
			throw new SqlScanException(this.position, String.format("the invisible character U+%04X outside"
					+ " quotes; PostgreSQL reads it as part of a name, not as a space. Replace it with a plain space",
					(int) c));
		}
	}

	private SqlScanException unterminated(String what) {
		return new SqlScanException(this.position, "an unterminated " + what);
	}

	private char peek(int offset) {
		int index = this.position + offset;
		return (index < this.sql.length()) ? this.sql.charAt(index) : '\0';
	}

	private static boolean isSpace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
	}

	private static boolean isNewline(char c) {
		return c == '\n' || c == '\r';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	static boolean isIdentifierStart(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= '\u0080';
	}

	static boolean isIdentifierPart(char c) {
		return isIdentifierStart(c) || isDigit(c) || c == '$';
	}
}

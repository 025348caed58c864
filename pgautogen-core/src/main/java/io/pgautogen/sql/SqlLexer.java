package io.pgautogen.sql;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import io.pgautogen.sql.SqlToken.Type;

/**
 * Splits PostgreSQL SQL text into tokens, following the lexical rules of PostgreSQL's own scanner
 * ({@code scan.l}) as far as quoting and comments go: standard and escape strings, dollar quoting,
 * quoted identifiers, line comments and nested block comments. Assumes
 * {@code standard_conforming_strings = on}, PostgreSQL's default since 9.1.
 * <p>
 * Unterminated quotes or comments extend to the end of the text; PostgreSQL reports them when the
 * statement runs.
 */
public final class SqlLexer {

	private final String sql;

	private int position;

	private SqlLexer(String sql) {
		this.sql = sql;
	}

	/** Tokenizes {@code sql}; the tokens cover the whole text without gaps. */
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
		if (Character.isWhitespace(c)) {
			while (this.position < this.sql.length() && Character.isWhitespace(this.sql.charAt(this.position))) {
				this.position++;
			}
			return Type.WHITESPACE;
		}
		if (c == '-' && peek(1) == '-') {
			int newline = this.sql.indexOf('\n', this.position);
			this.position = (newline < 0) ? this.sql.length() : newline;
			return Type.LINE_COMMENT;
		}
		if (c == '/' && peek(1) == '*') {
			skipBlockComment();
			return Type.BLOCK_COMMENT;
		}
		if (c == '\'') {
			skipQuoted('\'', false);
			return Type.STRING;
		}
		if (c == '"') {
			skipQuoted('"', false);
			return Type.QUOTED_IDENTIFIER;
		}
		if (c == '$') {
			if (isDigit(peek(1))) {
				this.position++;
				while (isDigit(peek(0))) {
					this.position++;
				}
				return Type.NUMBER;
			}
			int tagEnd = dollarTagEnd(this.position);
			if (tagEnd > 0) {
				skipDollarQuoted(this.sql.substring(this.position, tagEnd));
				return Type.STRING;
			}
			this.position++;
			return Type.SYMBOL;
		}
		if (isIdentifierStart(c)) {
			return wordOrPrefixedQuote(c);
		}
		if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
			while (this.position < this.sql.length() && (isIdentifierPart(peek(0)) || peek(0) == '.')) {
				this.position++;
			}
			return Type.NUMBER;
		}
		this.position++;
		return Type.SYMBOL;
	}

	private Type wordOrPrefixedQuote(char c) {
		char lower = Character.toLowerCase(c);
		if ((lower == 'e') && peek(1) == '\'') {
			this.position++;
			skipQuoted('\'', true);
			return Type.STRING;
		}
		if ((lower == 'b' || lower == 'x' || lower == 'n') && peek(1) == '\'') {
			this.position++;
			skipQuoted('\'', false);
			return Type.STRING;
		}
		if (lower == 'u' && peek(1) == '&' && (peek(2) == '\'' || peek(2) == '"')) {
			char quote = peek(2);
			this.position += 2;
			skipQuoted(quote, false);
			return (quote == '\'') ? Type.STRING : Type.QUOTED_IDENTIFIER;
		}
		while (this.position < this.sql.length() && isIdentifierPart(this.sql.charAt(this.position))) {
			this.position++;
		}
		return Type.WORD;
	}

	/** Skips a quoted token starting at the opening quote; a doubled quote stands for one. */
	private void skipQuoted(char quote, boolean backslashEscapes) {
		this.position++;
		while (this.position < this.sql.length()) {
			char c = this.sql.charAt(this.position);
			if (backslashEscapes && c == '\\') {
				this.position += 2;
				continue;
			}
			this.position++;
			if (c == quote) {
				if (peek(0) == quote) {
					this.position++;
					continue;
				}
				return;
			}
		}
		this.position = this.sql.length();
	}

	private void skipBlockComment() {
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
	}

	private void skipDollarQuoted(String tag) {
		int close = this.sql.indexOf(tag, this.position + tag.length());
		this.position = (close < 0) ? this.sql.length() : close + tag.length();
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

	private char peek(int offset) {
		int index = this.position + offset;
		return (index < this.sql.length()) ? this.sql.charAt(index) : '\0';
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

package io.pgautogen.sql;

/**
 * One lexical token of PostgreSQL SQL text: a half-open range {@code [start, end)} of the source.
 *
 * @param type what the token is
 * @param start offset of the first character
 * @param end offset after the last character
 */
public record SqlToken(Type type, int start, int end) {

	/** Token categories, as coarse as statement splitting and rewriting need. */
	public enum Type {
		/** Spaces, tabs and line breaks. */
		WHITESPACE,
		/** A {@code --} comment up to the end of its line. */
		LINE_COMMENT,
		/** A {@code /* *}{@code /} comment; PostgreSQL nests them. */
		BLOCK_COMMENT,
		/** Any string constant: {@code '…'}, {@code E'…'}, {@code U&'…'}, {@code B'…'}, {@code X'…'} or dollar-quoted. */
		STRING,
		/** A double-quoted identifier, {@code "…"} or {@code U&"…"}. */
		QUOTED_IDENTIFIER,
		/** An unquoted identifier or keyword. */
		WORD,
		/** A numeric constant or positional parameter. */
		NUMBER,
		/** Any other single character: operators, punctuation, {@code ;}. */
		SYMBOL
	}

	/** Returns the token's text. */
	public String text(String source) {
		return source.substring(this.start, this.end);
	}

	/** Whether this token is an unquoted word equal to {@code keyword}, ignoring case. */
	public boolean isKeyword(String source, String keyword) {
		return this.type == Type.WORD && (this.end - this.start) == keyword.length()
				&& source.regionMatches(true, this.start, keyword, 0, keyword.length());
	}

	/** Whether this token is the single character {@code symbol}. */
	public boolean isSymbol(String source, char symbol) {
		return this.type == Type.SYMBOL && source.charAt(this.start) == symbol;
	}

	/** Whether this token carries no meaning for PostgreSQL (whitespace or a comment). */
	public boolean isInsignificant() {
		return this.type == Type.WHITESPACE || this.type == Type.LINE_COMMENT || this.type == Type.BLOCK_COMMENT;
	}
}

package io.pgautogen.sql;

/**
 * Line numbers of a text for offsets asked in increasing order, in one pass over the text. A line
 * ends at {@code \n}, {@code \r\n} or a lone {@code \r}, as editors count them.
 */
public final class Lines {

	private final String text;

	private int scanned;

	private int line = 1;

	/** Counts the lines of {@code text}. */
	public Lines(String text) {
		this.text = text;
	}

	/**
	 * The 1-based line of {@code offset}; offsets must not decrease from one call to the next.
	 * @throws IllegalArgumentException when {@code offset} lies before the previous one
	 */
	public int lineAt(int offset) {
		if (offset < this.scanned) {
			throw new IllegalArgumentException("Offsets must be asked in increasing order");
		}
		int end = Math.min(offset, this.text.length());
		for (int i = this.scanned; i < end; i++) {
			char c = this.text.charAt(i);
			if (c == '\n' || (c == '\r' && (i + 1 >= this.text.length() || this.text.charAt(i + 1) != '\n'))) {
				this.line++;
			}
		}
		this.scanned = Math.max(this.scanned, end);
		return this.line;
	}

	/** The 1-based line and column of {@code offset} in {@code text}, as {@code line:column}. */
	public static String position(String text, int offset) {
		int line = new Lines(text).lineAt(offset);
		int lineStart = offset;
		while (lineStart > 0 && text.charAt(lineStart - 1) != '\n' && text.charAt(lineStart - 1) != '\r') {
			lineStart--;
		}
		return line + ":" + (text.codePointCount(lineStart, Math.min(offset, text.length())) + 1);
	}
}

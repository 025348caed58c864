package io.pgautogen.declaration;

import io.pgautogen.sql.CreateStatement;
import io.pgautogen.sql.Lines;
import io.pgautogen.sql.ObjectName;

/**
 * A declaration reduced to its single statement, with the position of that statement inside the
 * declaration's text so that errors can point at the right line.
 *
 * @param declaration the declaration
 * @param head the statement's leading keywords
 * @param firstLine 1-based line of the declaration's text on which the statement starts
 * @param objectName the name the statement gives its object, or {@code null} when it is not
 * spelled plainly
 */
public record DeclaredStatement(Declaration declaration, CreateStatement head, int firstLine, ObjectName objectName) {

	/** The statement, without trailing semicolon. */
	public String sql() {
		return this.head.sql();
	}

	/**
	 * Describes a 1-based character position of the statement, as PostgreSQL reports it (in
	 * characters, not UTF-16 units), as {@code location} plus a source excerpt with a caret.
	 * @return a two-element array: location and excerpt
	 */
	public String[] locate(int position) {
		String sql = sql();
		int index = Math.max(0, Math.min(sql.length(), offsetOfCodePoint(sql, position - 1)));
		int lineStart = index;
		while (lineStart > 0 && sql.charAt(lineStart - 1) != '\n' && sql.charAt(lineStart - 1) != '\r') {
			lineStart--;
		}
		int lineEnd = index;
		while (lineEnd < sql.length() && sql.charAt(lineEnd) != '\n' && sql.charAt(lineEnd) != '\r') {
			lineEnd++;
		}
		int lineInStatement = new Lines(sql).lineAt(lineStart);
		int column = sql.codePointCount(lineStart, index) + 1;
		String line = sql.substring(lineStart, lineEnd).replace('\t', ' ');
		String excerpt = line + "\n" + " ".repeat(Math.max(0, column - 1)) + "^";
		DeclarationSource source = this.declaration.source();
		int lineInDeclaration = this.firstLine + lineInStatement - 1;
		return new String[] { source.locate(lineInDeclaration, column), excerpt };
	}

	private static int offsetOfCodePoint(String text, int codePoints) {
		try {
			return text.offsetByCodePoints(0, Math.max(0, codePoints));
		}
		catch (IndexOutOfBoundsException ex) {
			return text.length();
		}
	}
}

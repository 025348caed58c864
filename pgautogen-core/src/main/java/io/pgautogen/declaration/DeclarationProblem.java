package io.pgautogen.declaration;

/**
 * What is wrong with one declaration.
 *
 * @param location where: {@code file:line[:column]} or {@code bean 'name' (line n)}
 * @param message what went wrong, in PostgreSQL's words where PostgreSQL reported it
 * @param sqlState PostgreSQL's SQLSTATE, or {@code null} when pgautogen found the problem itself
 * @param detail PostgreSQL's detail and hint, or {@code null}
 * @param excerpt the offending source line with a caret under the error position, or {@code null}
 * @param action what to do about it
 */
public record DeclarationProblem(String location, String message, String sqlState, String detail, String excerpt,
		String action) {

	/** A problem pgautogen found without asking PostgreSQL. */
	public static DeclarationProblem of(String location, String message, String action) {
		return new DeclarationProblem(location, message, null, null, null, action);
	}

	/** A multi-line, human-readable description. */
	public String describe() {
		StringBuilder text = new StringBuilder(this.location).append(": ").append(this.message);
		if (this.sqlState != null) {
			text.append(" [SQLSTATE ").append(this.sqlState).append(']');
		}
		if (this.excerpt != null) {
			text.append('\n').append(this.excerpt.indent(4).stripTrailing());
		}
		if (this.detail != null) {
			text.append("\n    ").append(this.detail.replace("\n", "\n    "));
		}
		text.append("\n    What to do: ").append(this.action);
		return text.toString();
	}
}

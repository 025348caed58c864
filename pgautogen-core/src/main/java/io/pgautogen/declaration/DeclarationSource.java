package io.pgautogen.declaration;

import java.util.Objects;

/**
 * Where a declaration came from, so that every message can point at it: a file and the line its
 * statement starts on, or a bean.
 *
 * @param origin a file path ({@code db/pgautogen/audit.sql}) or a description ({@code bean 'audit'})
 * @param line the 1-based line of {@code origin} on which the statement starts, or 0 when
 * {@code origin} is not a file
 */
public record DeclarationSource(String origin, int line) {

	public DeclarationSource {
		Objects.requireNonNull(origin, "origin");
	}

	/** A statement starting on {@code line} of {@code path}. */
	public static DeclarationSource file(String path, int line) {
		return new DeclarationSource(path, line);
	}

	/** A declaration provided by the bean named {@code beanName}. */
	public static DeclarationSource bean(String beanName) {
		return new DeclarationSource("bean '" + beanName + "'", 0);
	}

	/** A declaration described by free text, e.g. a test or a programmatic caller. */
	public static DeclarationSource described(String description) {
		return new DeclarationSource(description, 0);
	}

	/**
	 * Describes a place inside the declared statement.
	 * @param lineInStatement 1-based line within the statement text
	 * @param column 1-based column, or 0 when unknown
	 */
	public String locate(int lineInStatement, int column) {
		String columnSuffix = (column > 0) ? ":" + column : "";
		if (this.line > 0) {
			return this.origin + ":" + (this.line + lineInStatement - 1) + columnSuffix;
		}
		return this.origin + " (line " + lineInStatement + columnSuffix + ")";
	}

	@Override
	public String toString() {
		return (this.line > 0) ? this.origin + ":" + this.line : this.origin;
	}
}

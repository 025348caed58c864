package io.pgautogen.sql;

/**
 * One statement cut out of a larger SQL text, without its terminating semicolon and without the
 * whitespace and comments that precede it.
 *
 * @param sql the statement text
 * @param offset where the statement starts in the original text
 * @param line the 1-based line of the original text on which the statement starts
 */
public record SqlStatement(String sql, int offset, int line) {
}

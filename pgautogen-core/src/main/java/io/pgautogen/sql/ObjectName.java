package io.pgautogen.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The name of a database object as a statement or identity spells it, with PostgreSQL's folding
 * applied: ASCII letters of unquoted identifiers in lower case, quoted identifiers as written.
 *
 * @param schema the schema, or {@code null} when not written
 * @param name the object's name
 * @param table for a trigger, its table; {@code null} otherwise
 */
public record ObjectName(String schema, String name, String table) {

	/**
	 * Reads {@code schema.name} or {@code schema.table.trigger} from an identity as pgautogen prints
	 * it; a function's argument list is ignored.
	 */
	public static Optional<ObjectName> ofIdentity(String identity, boolean trigger) {
		List<String> parts = new ArrayList<>();
		List<SqlToken> tokens = SqlLexer.tokenize(identity);
		for (int i = 0; i < tokens.size(); i++) {
			SqlToken token = tokens.get(i);
			if (token.isSymbol(identity, '(')) {
				break;
			}
			if (!token.isSymbol(identity, '.')) {
				Optional<String> part = identifier(identity, token);
				if (part.isEmpty()) {
					return Optional.empty();
				}
				parts.add(part.get());
			}
		}
		if (trigger && parts.size() == 3) {
			return Optional.of(new ObjectName(parts.get(0), parts.get(2), parts.get(1)));
		}
		if (!trigger && parts.size() == 2) {
			return Optional.of(new ObjectName(parts.get(0), parts.get(1), null));
		}
		return Optional.empty();
	}

	/**
	 * The folded value of an identifier token; empty for tokens that are not plain identifiers (for
	 * instance {@code U&"…"} escapes, which would need the server's encoding to fold).
	 */
	static Optional<String> identifier(String sql, SqlToken token) {
		String text = token.text(sql);
		if (token.type() == SqlToken.Type.WORD) {
			return Optional.of(foldAscii(text));
		}
		if (token.type() == SqlToken.Type.QUOTED_IDENTIFIER && text.startsWith("\"") && text.endsWith("\"")
				&& text.length() >= 2) {
			return Optional.of(text.substring(1, text.length() - 1).replace("\"\"", "\""));
		}
		return Optional.empty();
	}

	/** PostgreSQL folds only ASCII letters of unquoted identifiers in multibyte encodings. */
	private static String foldAscii(String word) {
		StringBuilder folded = new StringBuilder(word.length());
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			folded.append((c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c);
		}
		return folded.toString();
	}
}

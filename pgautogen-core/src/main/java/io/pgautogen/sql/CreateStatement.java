package io.pgautogen.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The head of a {@code CREATE} statement, read from its leading keywords only: which kind of object
 * it creates and whether it already says {@code OR REPLACE}. This is not a DDL parser; PostgreSQL
 * parses the statement when it runs.
 *
 * @param sql the statement
 * @param objectType the object keyword(s), lower case: {@code function}, {@code procedure},
 * {@code trigger}, {@code constraint trigger}, {@code view}, {@code recursive view},
 * {@code materialized view}, {@code index}, {@code unique index}, or whatever follows {@code CREATE}
 * otherwise
 * @param orReplace whether the statement says {@code CREATE OR REPLACE}
 * @param objectEnd offset just after the object keyword(s), where the object's name begins
 */
public record CreateStatement(String sql, String objectType, boolean orReplace, int objectEnd) {

	/** Object keywords that take a second word: {@code CONSTRAINT TRIGGER}, {@code MATERIALIZED VIEW}, … */
	private static final Map<String, String> SECOND_WORDS = Map.of("constraint", "trigger", "materialized", "view",
			"recursive", "view", "unique", "index");

	/**
	 * Reads the head of {@code sql}; empty when the statement does not start with {@code CREATE}.
	 * @throws SqlScanException when the head cannot be read with certainty
	 */
	public static Optional<CreateStatement> parse(String sql) {
		List<SqlToken> words = leadingWords(sql, 5);
		if (words.isEmpty() || !words.get(0).isKeyword(sql, "create")) {
			return Optional.empty();
		}
		int next = 1;
		boolean orReplace = words.size() > 2 && words.get(1).isKeyword(sql, "or")
				&& words.get(2).isKeyword(sql, "replace");
		if (orReplace) {
			next = 3;
		}
		if (words.size() <= next) {
			return Optional.of(new CreateStatement(sql, "", orReplace, words.get(words.size() - 1).end()));
		}
		String objectType = words.get(next).text(sql).toLowerCase(Locale.ROOT);
		int objectEnd = words.get(next).end();
		String second = SECOND_WORDS.get(objectType);
		if (second != null && words.size() > next + 1 && words.get(next + 1).isKeyword(sql, second)) {
			objectType = objectType + " " + second;
			objectEnd = words.get(next + 1).end();
		}
		return Optional.of(new CreateStatement(sql, objectType, orReplace, objectEnd));
	}

	/** Returns the first {@code limit} significant tokens of {@code sql}, all of which must be words. */
	private static List<SqlToken> leadingWords(String sql, int limit) {
		List<SqlToken> words = new ArrayList<>();
		for (SqlToken token : SqlLexer.scan(sql)) {
			if (token.isInsignificant()) {
				continue;
			}
			if (token.type() != SqlToken.Type.WORD || words.size() == limit) {
				break;
			}
			words.add(token);
		}
		return words;
	}

	/**
	 * The object the statement creates: {@code [schema.]name} for a routine or a view; the name and
	 * {@code [schema.]table} for a trigger or an index. Empty when the name is not spelled plainly.
	 */
	public Optional<ObjectName> objectName() {
		// The names come before any string literal (a routine's body, an argument default, a trigger
		// function's arguments): scanning stops there.
		List<SqlToken> tokens = new ArrayList<>();
		for (SqlToken token : SqlLexer.scan(this.sql)) {
			if (token.type() == SqlToken.Type.STRING) {
				break;
			}
			if (!token.isInsignificant()) {
				tokens.add(token);
			}
		}
		int next = (this.orReplace ? 3 : 1) + this.objectType.split(" ").length;
		if (next + 2 < tokens.size() && tokens.get(next).isKeyword(this.sql, "if")
				&& tokens.get(next + 1).isKeyword(this.sql, "not") && tokens.get(next + 2).isKeyword(this.sql, "exists")) {
			next += 3;
		}
		if (next < tokens.size() && tokens.get(next).isKeyword(this.sql, "on")) {
			return Optional.empty();
		}
		List<String> name = qualifiedName(tokens, next);
		if (name.isEmpty() || name.size() > 2) {
			return Optional.empty();
		}
		if (!createsTrigger() && !createsIndex()) {
			return Optional.of((name.size() == 2) ? new ObjectName(name.get(0), name.get(1), null)
					: new ObjectName(null, name.get(0), null));
		}
		int depth = 0;
		for (int i = next + 1; i < tokens.size(); i++) {
			SqlToken token = tokens.get(i);
			depth += token.isSymbol(this.sql, '(') ? 1 : token.isSymbol(this.sql, ')') ? -1 : 0;
			if (depth == 0 && token.isKeyword(this.sql, "on")) {
				List<String> table = qualifiedName(tokens, i + 1);
				if (table.size() == 1) {
					return Optional.of(new ObjectName(null, name.get(0), table.get(0)));
				}
				return (table.size() == 2) ? Optional.of(new ObjectName(table.get(0), name.get(0), table.get(1)))
						: Optional.empty();
			}
		}
		return Optional.empty();
	}

	/** The parts of {@code a.b.c} starting at token {@code start}, folded; empty when not a plain name. */
	private List<String> qualifiedName(List<SqlToken> tokens, int start) {
		List<String> parts = new ArrayList<>();
		int i = start;
		while (i < tokens.size()) {
			Optional<String> part = ObjectName.identifier(this.sql, tokens.get(i));
			if (part.isEmpty()) {
				return List.of();
			}
			parts.add(part.get());
			if (i + 1 < tokens.size() && tokens.get(i + 1).isSymbol(this.sql, '.')) {
				i += 2;
			}
			else {
				return parts;
			}
		}
		return List.of();
	}

	/** Whether the statement creates a function or a procedure. */
	public boolean createsRoutine() {
		return this.objectType.equals("function") || this.objectType.equals("procedure");
	}

	/** Whether the statement creates a trigger, constraint triggers included. */
	public boolean createsTrigger() {
		return this.objectType.equals("trigger") || this.objectType.equals("constraint trigger");
	}

	/** Whether the statement creates a view, recursive ones included. */
	public boolean createsView() {
		return this.objectType.equals("view") || this.objectType.equals("recursive view");
	}

	/** Whether the statement creates a materialized view. */
	public boolean createsMaterializedView() {
		return this.objectType.equals("materialized view");
	}

	/** Whether the statement creates an index. */
	public boolean createsIndex() {
		return this.objectType.equals("index") || this.objectType.equals("unique index");
	}

	/**
	 * The trailing {@code WITH [NO] DATA} of a {@code CREATE MATERIALIZED VIEW … AS query}, read from
	 * the last significant tokens: the grammar puts it after the query, which cannot itself end with
	 * the reserved word {@code WITH} followed by {@code [NO] DATA}.
	 * @return the clause, or empty when the statement has none
	 */
	public Optional<DataClause> dataClause() {
		List<SqlToken> last = new ArrayList<>(3);
		for (SqlToken token : SqlLexer.scan(this.sql)) {
			if (!token.isInsignificant()) {
				if (last.size() == 3) {
					last.remove(0);
				}
				last.add(token);
			}
		}
		int size = last.size();
		if (size < 2 || !last.get(size - 1).isKeyword(this.sql, "data")) {
			return Optional.empty();
		}
		if (last.get(size - 2).isKeyword(this.sql, "with")) {
			return Optional.of(new DataClause(last.get(size - 2).start(), true));
		}
		if (size == 3 && last.get(1).isKeyword(this.sql, "no") && last.get(0).isKeyword(this.sql, "with")) {
			return Optional.of(new DataClause(last.get(0).start(), false));
		}
		return Optional.empty();
	}

	/**
	 * The {@code WITH [NO] DATA} that ends a materialized view's statement.
	 *
	 * @param start offset of {@code WITH} in the statement
	 * @param withData whether it says {@code WITH DATA}
	 */
	public record DataClause(int start, boolean withData) {
	}

	/**
	 * The statement as pgautogen sends it: a head pgautogen writes itself ({@code CREATE [OR REPLACE]
	 * FUNCTION}, {@code … PROCEDURE}, {@code … TRIGGER} or {@code CREATE CONSTRAINT TRIGGER}) followed
	 * by the declared text after the object keyword. Whatever the declared head looked like to a
	 * scanner, the server parses a statement that starts with these keywords, so it can only be a
	 * statement of that kind.
	 * @param withOrReplace whether to say {@code OR REPLACE}
	 */
	public String rewritten(boolean withOrReplace) {
		return head(withOrReplace) + this.sql.substring(this.objectEnd);
	}

	/**
	 * Maps a 1-based position, in code points as PostgreSQL reports it, in
	 * {@link #rewritten(boolean) rewritten(withOrReplace)} back to the same place in the declared
	 * statement.
	 */
	public int originalPosition(int positionInRewritten, boolean withOrReplace) {
		int headLength = head(withOrReplace).length();
		if (positionInRewritten <= headLength) {
			return 1;
		}
		return this.sql.codePointCount(0, this.objectEnd) + positionInRewritten - headLength;
	}

	private String head(boolean withOrReplace) {
		return "CREATE " + (withOrReplace ? "OR REPLACE " : "") + this.objectType.toUpperCase(Locale.ROOT);
	}
}

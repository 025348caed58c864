package io.pgautogen.declaration;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.kind.KindSupport;
import io.pgautogen.kind.Kinds;
import io.pgautogen.sql.CreateStatement;
import io.pgautogen.sql.Lines;
import io.pgautogen.sql.SqlScanException;
import io.pgautogen.sql.SqlStatement;
import io.pgautogen.sql.SqlStatements;

/**
 * Turns declarations and {@code .sql} scripts into single {@link DeclaredStatement}s, rejecting
 * anything that is not exactly one {@code CREATE} statement of the declared kind.
 */
public final class DeclarationStatements {

	private static final String ONLY_DECLARABLE = "Declare only CREATE FUNCTION, CREATE PROCEDURE, CREATE [RECURSIVE]"
			+ " VIEW, CREATE MATERIALIZED VIEW (with CREATE [UNIQUE] INDEX on it) and CREATE [CONSTRAINT] TRIGGER"
			+ " statements here; keep tables, grants, comments and other DDL in your Flyway or Liquibase migrations.";

	private static final String REFUSED = "pgautogen reads SQL exactly as PostgreSQL does and refuses what it"
			+ " cannot read with certainty, so that planning never runs anything but the declared statement.";

	private DeclarationStatements() {
	}

	/**
	 * Decodes a declaration file as UTF-8: a leading byte order mark is skipped; bytes that are not
	 * UTF-8 and NUL characters are refused, naming the line they are on.
	 * @throws DeclarationException naming {@code path}, the line and the problem
	 */
	public static String decode(byte[] content, String path) {
		int start = (content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB
				&& (content[2] & 0xFF) == 0xBF) ? 3 : 0;
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer bytes = ByteBuffer.wrap(content, start, content.length - start);
		try {
			String text = decoder.decode(bytes).toString();
			int nul = text.indexOf('\0');
			if (nul >= 0) {
				throw new DeclarationException(List.of(DeclarationProblem.of(path + ":" + Lines.position(text, nul),
						"the file holds a NUL character, which PostgreSQL cannot take in SQL text",
						"Remove it; the file may have been saved in UTF-16 or as binary. Save it as UTF-8.")));
			}
			return text;
		}
		catch (CharacterCodingException ex) {
			int bad = bytes.position();
			String before = new String(content, start, bad - start, StandardCharsets.UTF_8);
			throw new DeclarationException(List.of(DeclarationProblem.of(path + ":" + Lines.position(before, before.length()),
					String.format("byte 0x%02X is not UTF-8", content[bad] & 0xFF),
					"Save the file as UTF-8; pgautogen does not guess other encodings.")));
		}
	}

	/**
	 * Splits a script holding any number of declarable {@code CREATE} statements into declarations, each attributed to {@code path} and the line its statement starts on.
	 * @throws DeclarationException naming every statement that cannot be declared
	 */
	public static List<Declaration> parseScript(String script, String path) {
		List<Declaration> declarations = new ArrayList<>();
		List<DeclarationProblem> problems = new ArrayList<>();
		List<SqlStatement> statements;
		try {
			statements = SqlStatements.split(script);
		}
		catch (SqlScanException ex) {
			throw new DeclarationException(List.of(unreadable(path + ":" + Lines.position(script, ex.offset()), ex)));
		}
		for (SqlStatement statement : statements) {
			DeclarationSource source = DeclarationSource.file(path, statement.line());
			Optional<CreateStatement> head = CreateStatement.parse(statement.sql());
			Optional<ObjectKind> kind = head.flatMap(DeclarationStatements::kindOf);
			if (kind.isPresent()) {
				declarations.add(Declaration.of(kind.get(), statement.sql(), source));
			}
			else {
				problems.add(DeclarationProblem.of(source.toString(),
						"'" + firstLine(statement.sql()) + "' is not a function, procedure, view, materialized view,"
								+ " index or trigger definition"
								+ head.filter(h -> !h.objectType().isEmpty())
									.map(h -> " (PostgreSQL reads it as CREATE " + h.objectType().toUpperCase(Locale.ROOT) + ")")
									.orElse(""),
						ONLY_DECLARABLE));
			}
		}
		if (!problems.isEmpty()) {
			throw new DeclarationException(problems);
		}
		return declarations;
	}

	/**
	 * Checks that each declaration holds exactly one statement that creates an object of its kind.
	 * @throws DeclarationException naming every declaration that does not
	 */
	public static List<DeclaredStatement> prepare(List<? extends Declaration> declarations) {
		List<DeclaredStatement> prepared = new ArrayList<>();
		List<DeclarationProblem> problems = new ArrayList<>();
		for (Declaration declaration : declarations) {
			String location = declaration.source().toString();
			List<SqlStatement> statements;
			try {
				statements = SqlStatements.split(declaration.sql());
			}
			catch (SqlScanException ex) {
				String[] place = Lines.position(declaration.sql(), ex.offset()).split(":");
				problems.add(unreadable(declaration.source().locate(Integer.parseInt(place[0]), Integer.parseInt(place[1])), ex));
				continue;
			}
			if (statements.size() != 1) {
				problems.add(DeclarationProblem.of(location,
						(statements.isEmpty() ? "the declaration holds no statement"
								: "the declaration holds " + statements.size() + " statements"),
						"Give each " + typeName(declaration) + " exactly one CREATE statement;"
								+ " a .sql file under spring.pgautogen.locations may hold several."));
				continue;
			}
			SqlStatement statement = statements.get(0);
			Optional<CreateStatement> head = CreateStatement.parse(statement.sql());
			KindSupport support = Kinds.of(declaration.kind());
			if (head.isEmpty() || !support.declares(head.get())) {
				Optional<ObjectKind> actual = head.flatMap(DeclarationStatements::kindOf);
				problems.add(DeclarationProblem.of(location,
						"a " + support.declarationType() + " must hold a " + support.expectedStatements()
								+ " statement, not '" + firstLine(statement.sql()) + "'",
						actual.map(kind -> "Declare it as a " + Kinds.of(kind).declarationType() + " instead.")
							.orElse(ONLY_DECLARABLE)));
				continue;
			}
			prepared.add(new DeclaredStatement(declaration, head.get(), statement.line(),
					head.get().objectName().orElse(null)));
		}
		if (!problems.isEmpty()) {
			throw new DeclarationException(problems);
		}
		return prepared;
	}

	private static DeclarationProblem unreadable(String location, SqlScanException ex) {
		return DeclarationProblem.of(location, "cannot be read with certainty: " + ex.getMessage(), REFUSED);
	}

	private static String typeName(Declaration declaration) {
		return Kinds.of(declaration.kind()).declarationType();
	}

	/** The kind whose declarations may hold a statement with {@code head}. */
	private static Optional<ObjectKind> kindOf(CreateStatement head) {
		for (ObjectKind kind : ObjectKind.values()) {
			if (Kinds.of(kind).declares(head)) {
				return Optional.of(kind);
			}
		}
		return Optional.empty();
	}

	private static String firstLine(String sql) {
		String line = sql.strip().lines().findFirst().orElse("");
		return (line.length() > 60) ? line.substring(0, 57) + "..." : line;
	}
}

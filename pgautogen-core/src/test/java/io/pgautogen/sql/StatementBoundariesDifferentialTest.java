package io.pgautogen.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.core.Parser;

import io.pgautogen.test.TestDatabase;
import io.pgautogen.test.TestDatabaseExtension;

/**
 * pgautogen's statement boundaries against PostgreSQL's own, on generated and mutated scripts.
 * <p>
 * PostgreSQL's reading: the whole script goes to the server as one simple-protocol query through
 * {@code dblink_exec} (libpq's {@code PQexec}, which sends the text unsplit), so the server's grammar
 * alone decides where statements end; the script either fails as a whole or commits its objects.
 * pgautogen's reading: {@link SqlStatements#split} cuts the script, and each piece runs on its own,
 * first parsed alone (an extended-protocol Parse, which also refuses a piece the server reads as two
 * statements), then executed. Where the boundaries agree the outcomes agree: the same objects with
 * the same definitions, or the same SQLSTATE (and message, for errors past parsing). A script
 * pgautogen refuses to read is counted, not compared: refusing is allowed, guessing is not.
 * <p>
 * Seeded and reproducible; {@code -Dpgautogen.differential.cases=N} (default 150) and
 * {@code -Dpgautogen.differential.seed=S} run more or other cases.
 */
@ExtendWith(TestDatabaseExtension.class)
class StatementBoundariesDifferentialTest {

	private static final java.util.regex.Pattern TRANSACTION_CONTROL = java.util.regex.Pattern
		.compile("(?i)(begin|end|commit|rollback|abort|start|savepoint|release|prepare)\\b");

	private static final String[] TRIVIA = { " ", "\n", "\r", "\r\n", "\t", "\f", "-- c;'\"$$\n", "-- c;'\r",
			"-- c /* \r\n", "/* c; ' \" $$ */", "/* a /* nested; */ b */", "/**/", "/*/ x */", "--\n--\r" };

	private static final String[] VALUES = { "'it''s; fine'", "E'a\\'; b'", "E'x'\n'\\';y'", "'a' -- c\n';b'",
			"U&'d\\0061t;'", "$$ ; ' \" $$", "$t$ $$ ; $ $t$", "$a1$ $a$ ; $a1$", "B'0101'", "X'1F'",
			"N'n;'", "'--;'", "'/*'", "\"we;ird\"", "'x'::text", "1.5e3::text", ".5::text", "(1)::text" };

	private static final String[] MUTATIONS = { ";", "'", "\"", "$", "-", "/", "*", "\n", "\r", "e", "E", "\\",
			"$$", "--", "/*", "*/", "begin", "end", " ", "(", ")" };

	@Test
	void pgautogenEndsStatementsWherePostgresqlDoes(TestDatabase truth) throws SQLException {
		int cases = Integer.getInteger("pgautogen.differential.cases", 150);
		long seed = Long.getLong("pgautogen.differential.seed", 20261129L);
		Random random = new Random(seed);
		boolean atomic = truth.major() >= 14;
		truth.execute("CREATE EXTENSION dblink");
		String conninfo = truth.queryString("SELECT format('host=127.0.0.1 port=%s user=%s dbname=%s',"
				+ " inet_server_port(), current_user, current_database())");
		int agreed = 0;
		int refused = 0;
		int succeeded = 0;
		try (TestDatabase ours = TestDatabase.create()) {
			for (int n = 0; n < cases; n++) {
				String script = script(random, atomic);
				if (random.nextInt(3) > 0) {
					script = mutate(script, random);
				}
				String schema = "c" + n;
				truth.execute("CREATE SCHEMA " + schema);
				ours.execute("CREATE SCHEMA " + schema);
				List<SqlStatement> pieces;
				try {
					pieces = SqlStatements.split(script);
				}
				catch (SqlScanException ex) {
					refused++;
					continue;
				}
				if (pieces.stream().anyMatch(piece -> driverStatements(piece.sql()) != 1)) {
					refused++;
					continue;
				}
				if (pieces.stream().anyMatch(piece -> TRANSACTION_CONTROL.matcher(piece.sql()).lookingAt())) {
					// A mutation made a statement of BEGIN, END, COMMIT…: the outcome then depends on
					// session state the two runs do not share, not on where statements end.
					continue;
				}
				Outcome server = serverOutcome(truth, conninfo, schema, script);
				Outcome mine = piecewiseOutcome(ours, schema, pieces);
				assertThat(mine).as("case %d (seed %d), script:%n%s%npieces:%n%s", n, seed, script,
						String.join("\n---\n", pieces.stream().map(SqlStatement::sql).toList()))
					.isEqualTo(server);
				agreed++;
				succeeded += (server.sqlState() == null) ? 1 : 0;
			}
		}
		System.out.printf("Statement boundaries: %d scripts agreed with PostgreSQL %d (%d of them created their"
				+ " objects), %d refused as not certain%n", agreed, truth.major(), succeeded, refused);
		assertThat(agreed).isGreaterThan(cases / 2);
		assertThat(succeeded).isGreaterThan(cases / 5);
	}

	/** Three to six functions, with trivia between every token group and values of every quoting kind. */
	private static String script(Random random, boolean atomic) {
		StringBuilder script = new StringBuilder();
		int count = 3 + random.nextInt(4);
		for (int i = 1; i <= count; i++) {
			script.append(pick(random, TRIVIA));
			String value = pick(random, VALUES);
			String name = "f" + i;
			switch (atomic ? random.nextInt(4) : random.nextInt(2)) {
				case 0 -> script.append("CREATE FUNCTION ").append(name).append("() RETURNS text LANGUAGE sql")
					.append(pick(random, TRIVIA)).append("AS $body$ SELECT ").append(value.replace("$body$", ""))
					.append("; $body$");
				case 1 -> script.append("create or replace function ").append(name).append("(\"end\" text DEFAULT ")
					.append(value).append(")").append(pick(random, TRIVIA)).append("returns text language sql AS 'SELECT $1'");
				case 2 -> script.append("CREATE FUNCTION ").append(name).append("() RETURNS text LANGUAGE sql")
					.append(pick(random, TRIVIA)).append("BEGIN ATOMIC").append(pick(random, TRIVIA))
					.append("SELECT ").append(value).append(" AS begin;").append(pick(random, TRIVIA))
					.append("SELECT CASE WHEN true THEN ").append(value).append(" END AS end;").append(pick(random, TRIVIA))
					.append("END");
				default -> script.append("CREATE FUNCTION ").append(name).append("() RETURNS text LANGUAGE sql RETURN ")
					.append(value);
			}
			script.append(pick(random, TRIVIA)).append(';');
		}
		return script.append(pick(random, TRIVIA)).toString();
	}

	private static String mutate(String script, Random random) {
		StringBuilder mutated = new StringBuilder(script);
		for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
			int at = random.nextInt(mutated.length() + 1);
			if (random.nextBoolean() && at < mutated.length()) {
				mutated.deleteCharAt(at);
			}
			else {
				mutated.insert(at, pick(random, MUTATIONS));
			}
		}
		return mutated.toString();
	}

	private static Outcome serverOutcome(TestDatabase truth, String conninfo, String schema, String script)
			throws SQLException {
		try (Connection connection = truth.connect();
				PreparedStatement exec = connection.prepareStatement("SELECT dblink_exec(?, ?)")) {
			exec.setString(1, conninfo);
			exec.setString(2, "SET search_path = " + schema + "; SET check_function_bodies = off;\n" + script);
			exec.execute();
		}
		catch (SQLException ex) {
			return Outcome.of(ex);
		}
		return Outcome.created(truth, schema);
	}

	private static Outcome piecewiseOutcome(TestDatabase ours, String schema, List<SqlStatement> pieces)
			throws SQLException {
		try (Connection connection = ours.connect()) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET LOCAL search_path = " + schema);
				statement.execute("SET LOCAL check_function_bodies = off");
			}
			try {
				for (SqlStatement piece : pieces) {
					parseOnly(connection, piece.sql());
				}
				try (Statement statement = connection.createStatement()) {
					statement.setEscapeProcessing(false);
					for (SqlStatement piece : pieces) {
						statement.addBatch(piece.sql());
					}
					statement.executeBatch();
				}
				connection.commit();
			}
			catch (SQLException ex) {
				connection.rollback();
				return Outcome.of((ex.getNextException() != null) ? ex.getNextException() : ex);
			}
		}
		return Outcome.created(ours, schema);
	}

	/**
	 * PostgreSQL parses a whole script before it runs any of it, so a syntax error anywhere fails the
	 * script before an error a statement raises when it runs. The pieces are parsed first too, as the
	 * body of a throw-away SQL function (PostgreSQL's own parser, nothing run); only syntax errors
	 * count, the rest is what running the piece will tell.
	 */
	private static void parseOnly(Connection connection, String piece) throws SQLException {
		String tag = "$p" + Integer.toHexString(piece.hashCode() & 0xfffffff) + "q$";
		try (Statement statement = connection.createStatement()) {
			statement.setEscapeProcessing(false);
			statement.execute("SAVEPOINT parse_only");
			try {
				statement.execute("SET LOCAL check_function_bodies = on");
				statement.execute("CREATE FUNCTION pg_temp.parse_only() RETURNS void LANGUAGE sql AS " + tag + piece + tag);
			}
			catch (SQLException ex) {
				if ("42601".equals(ex.getSQLState())) {
					throw ex;
				}
			}
			finally {
				statement.execute("ROLLBACK TO SAVEPOINT parse_only");
			}
		}
	}

	private static int driverStatements(String sql) {
		try {
			return Parser.parseJdbcSql(sql, true, false, true, false, false).size();
		}
		catch (SQLException ex) {
			return -1;
		}
	}

	private static String pick(Random random, String[] choices) {
		return choices[random.nextInt(choices.length)];
	}

	/**
	 * What running a script left: the definitions it created, or the error it failed with (its
	 * SQLSTATE, and its message where the message names no token a split could shift).
	 */
	record Outcome(String sqlState, String message, List<String> definitions) {

		static Outcome of(SQLException ex) {
			String message = (ex instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null)
					? psql.getServerErrorMessage().getMessage() : ex.getMessage();
			return new Outcome(ex.getSQLState(), "42601".equals(ex.getSQLState()) ? null : message, List.of());
		}

		static Outcome created(TestDatabase database, String schema) throws SQLException {
			List<String> definitions = new ArrayList<>();
			try (Connection connection = database.connect(); Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT pg_get_functiondef(p.oid) FROM pg_proc p"
							+ " WHERE p.pronamespace = '" + schema + "'::regnamespace ORDER BY p.oid::regprocedure::text")) {
				while (rs.next()) {
					definitions.add(rs.getString(1));
				}
			}
			return new Outcome(null, null, definitions);
		}
	}
}

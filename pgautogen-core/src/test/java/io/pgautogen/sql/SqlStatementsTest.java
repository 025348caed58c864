package io.pgautogen.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SqlStatementsTest {

	@Test
	void splitsOnSemicolonsAndReportsTheLineEachStatementStartsOn() {
		List<SqlStatement> statements = SqlStatements.split("""
				-- header comment; with a semicolon
				CREATE FUNCTION a() RETURNS int LANGUAGE sql AS 'SELECT 1';

				/* block; comment */ CREATE FUNCTION b() RETURNS int
				  LANGUAGE sql AS 'SELECT 2'
				""");

		assertThat(statements).extracting(SqlStatement::sql).containsExactly(
				"CREATE FUNCTION a() RETURNS int LANGUAGE sql AS 'SELECT 1'",
				"CREATE FUNCTION b() RETURNS int\n  LANGUAGE sql AS 'SELECT 2'");
		assertThat(statements).extracting(SqlStatement::line).containsExactly(2, 4);
	}

	@Test
	void semicolonsInsideQuotesCommentsAndDollarQuotesDoNotSplit() {
		String sql = """
				CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $body$
				BEGIN
				  -- a comment; still the body
				  RETURN 'it''s; fine' || E'\\'; more' || $$nested; $$ || "odd;name"();
				END
				$body$""";

		assertThat(SqlStatements.split(sql + ";\nSELECT 2;")).extracting(SqlStatement::sql)
			.containsExactly(sql, "SELECT 2");
	}

	@Test
	void nestedBlockCommentsAreSkippedWhole() {
		assertThat(SqlStatements.split("/* outer /* inner; */ still comment; */ SELECT 1; SELECT 2"))
			.extracting(SqlStatement::sql)
			.containsExactly("SELECT 1", "SELECT 2");
	}

	@Test
	void sqlStandardBodiesKeepTheirSemicolonsIncludingCaseEnd() {
		String first = """
				CREATE OR REPLACE FUNCTION f(i int) RETURNS int LANGUAGE sql
				BEGIN ATOMIC
				  SELECT CASE WHEN i > 0 THEN 1 ELSE 2 END;
				  SELECT i + 1;
				END""";
		String second = "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC INSERT INTO t VALUES (1); END";

		assertThat(SqlStatements.split(first + ";\n" + second + ";\nCREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW EXECUTE FUNCTION f()"))
			.extracting(SqlStatement::sql)
			.containsExactly(first, second, "CREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW EXECUTE FUNCTION f()");
	}

	@Test
	void dollarSignsInsideIdentifiersAndParametersAreNotQuotes() {
		assertThat(SqlStatements.split("SELECT a$b$c, $1 FROM t; SELECT 2")).extracting(SqlStatement::sql)
			.containsExactly("SELECT a$b$c, $1 FROM t", "SELECT 2");
	}

	@Test
	void unterminatedQuotesAndCommentsAreRefusedWithTheirPlace() {
		assertThatThrownBy(() -> SqlStatements.split("SELECT 1;\nSELECT 'open; SELECT 2"))
			.isInstanceOfSatisfying(SqlScanException.class, ex -> assertThat(ex.offset()).isEqualTo(17))
			.hasMessage("an unterminated quoted string");
		assertThatThrownBy(() -> SqlStatements.split("SELECT 1 /* open /* nested */")).hasMessage("an unterminated /* comment");
		assertThatThrownBy(() -> SqlStatements.split("SELECT $a$ body $b$")).hasMessage("an unterminated dollar-quoted string $a$");
		assertThatThrownBy(() -> SqlStatements.split("SELECT \"x")).hasMessage("an unterminated quoted identifier");
	}

	@Test
	void lineCommentsEndAtCarriageReturnsAndLinesAreCountedForEveryLineEnd() {
		List<SqlStatement> statements = SqlStatements.split("-- a\rSELECT 1; -- b\r\nSELECT 2;\n\rSELECT 3");

		assertThat(statements).extracting(SqlStatement::sql).containsExactly("SELECT 1", "SELECT 2", "SELECT 3");
		assertThat(statements).extracting(SqlStatement::line).containsExactly(2, 3, 5);
	}

	@Test
	void escapeStringsKeepTheirEscapesAcrossALineBreakContinuation() {
		// PostgreSQL reads E'x' newline '\';...' as one escape string: the backslash escapes the quote.
		String sql = "SELECT E'x'\n'\\'; DELETE FROM t; --'";
		assertThat(SqlStatements.split(sql + ";\nSELECT 2")).extracting(SqlStatement::sql).containsExactly(sql, "SELECT 2");
		// Without a line break there is no continuation: two strings, the second a standard one.
		assertThat(SqlStatements.split("SELECT 'a' '\\'; SELECT 2")).extracting(SqlStatement::sql)
			.containsExactly("SELECT 'a' '\\'", "SELECT 2");
		assertThat(SqlStatements.split("SELECT E'a' -- c\n  '\\';'; SELECT 2")).extracting(SqlStatement::sql)
			.containsExactly("SELECT E'a' -- c\n  '\\';'", "SELECT 2");
	}

	@Test
	void anAtomicBodyEndsAtTheFirstEndAfterASemicolon() {
		String function = "CREATE FUNCTION h() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1 AS begin; END";
		assertThat(SqlStatements.split(function + "; COMMIT; DELETE FROM important; END;"))
			.extracting(SqlStatement::sql)
			.containsExactly(function, "COMMIT", "DELETE FROM important", "END");
		String names = "CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC SELECT t.end, 1 AS end, begin FROM t;"
				+ " SELECT CASE WHEN true THEN 1 END; END";
		assertThat(SqlStatements.split(names + "; SELECT 2")).extracting(SqlStatement::sql).containsExactly(names, "SELECT 2");
		assertThat(SqlStatements.split("CREATE FUNCTION e() RETURNS void LANGUAGE sql BEGIN ATOMIC END; SELECT 2"))
			.hasSize(2);
		assertThat(SqlStatements.split("CREATE TABLE begin (atomic int); SELECT 2")).hasSize(2);
	}

	@Test
	void whatPostgresqlReadsDifferentlyFromVersionToVersionIsRefused() {
		assertThatThrownBy(() -> SqlStatements.split("SELECT 1e'\\'; DELETE FROM t; --'"))
			.hasMessageStartingWith("a number runs straight into 'e'");
		assertThatThrownBy(() -> SqlStatements.split("SELECT 0x1F")).hasMessageStartingWith("a number runs straight into 'x'");
		assertThatThrownBy(() -> SqlStatements.split("SELECT $1$a$;$a$")).hasMessageStartingWith("a parameter runs");
		assertThatThrownBy(() -> SqlStatements.split("SELECT 1;\u000BSELECT 2")).hasMessageStartingWith("a vertical tab");
		assertThat(SqlStatements.split("SELECT 1.5e-3, .5, 1..2, 3.")).hasSize(1);
	}

	@Test
	void unicodeSpacesBelongToNamesForPostgresqlSoTheyAreRefused() {
		assertThatThrownBy(() -> SqlStatements.split("SELECT 1;\u2003SELECT 2"))
			.isInstanceOfSatisfying(SqlScanException.class, ex -> assertThat(ex.offset()).isEqualTo(9))
			.hasMessageContaining("U+2003");
		assertThat(SqlStatements.split("SELECT 'a\u2003b', \"\u00A0\"; SELECT 2")).hasSize(2);
	}

	@Test
	void aScriptOfManyStatementsIsSplitInLinearTime() {
		String script = "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n".repeat(50_000);
		List<SqlStatement> statements = SqlStatements.split(script);
		assertThat(statements).hasSize(50_000);
		assertThat(statements.get(49_999).line()).isEqualTo(50_000);
	}

	@Test
	void onlyCommentsMeansNoStatements() {
		assertThat(SqlStatements.split("-- nothing\n/* here */ ;;")).isEmpty();
	}
}

package io.pgautogen.sql;

import static org.assertj.core.api.Assertions.assertThat;

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
	void unterminatedQuoteSwallowsTheRestForPostgresToReport() {
		assertThat(SqlStatements.split("SELECT 'open; SELECT 2")).extracting(SqlStatement::sql)
			.containsExactly("SELECT 'open; SELECT 2");
	}

	@Test
	void onlyCommentsMeansNoStatements() {
		assertThat(SqlStatements.split("-- nothing\n/* here */ ;;")).isEmpty();
	}
}

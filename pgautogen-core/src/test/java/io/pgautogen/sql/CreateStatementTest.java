package io.pgautogen.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreateStatementTest {

	@Test
	void recognisesFunctionsProceduresAndTriggersAfterComments() {
		assertThat(CreateStatement.parse("/* c */ create function f() returns int as 'select 1'").orElseThrow()
			.createsRoutine()).isTrue();
		assertThat(CreateStatement.parse("CREATE OR REPLACE PROCEDURE p() AS 'select 1'").orElseThrow()
			.objectType()).isEqualTo("procedure");
		assertThat(CreateStatement.parse("CREATE CONSTRAINT TRIGGER t AFTER INSERT ON x FOR EACH ROW EXECUTE FUNCTION f()")
			.orElseThrow()
			.objectType()).isEqualTo("constraint trigger");
		assertThat(CreateStatement.parse("CREATE TABLE t (id int)").orElseThrow().objectType()).isEqualTo("table");
		assertThat(CreateStatement.parse("SELECT 1")).isEmpty();
	}

	@Test
	void writesItsOwnHeadAndMapsPositionsBack() {
		CreateStatement statement = CreateStatement.parse("create /* é */ function f() RETURNS int AS 'select x'")
			.orElseThrow();
		String rewritten = statement.rewritten(true);

		assertThat(rewritten).isEqualTo("CREATE OR REPLACE FUNCTION f() RETURNS int AS 'select x'");
		int positionOfF = rewritten.indexOf("f()") + 1;
		assertThat(statement.originalPosition(positionOfF, true)).isEqualTo(statement.sql().indexOf("f()") + 1);
		assertThat(statement.originalPosition(3, true)).isEqualTo(1);
		assertThat(statement.rewritten(false)).isEqualTo("CREATE FUNCTION f() RETURNS int AS 'select x'");
	}

	@Test
	void theHeadIsTheDeclaredKindWhateverTheScannerSawBeforeTheName() {
		CreateStatement trigger = CreateStatement
			.parse("create or replace constraint trigger t AFTER INSERT ON x FOR EACH ROW EXECUTE FUNCTION f()")
			.orElseThrow();
		assertThat(trigger.rewritten(false))
			.isEqualTo("CREATE CONSTRAINT TRIGGER t AFTER INSERT ON x FOR EACH ROW EXECUTE FUNCTION f()");
		assertThat(CreateStatement.parse("CREATE --\rTABLE p AS SELECT 1 /*\nOR REPLACE FUNCTION f() AS '*/--'")
			.orElseThrow()
			.objectType()).isEqualTo("table");
	}

	@Test
	void readsTheObjectNameAsPostgresqlFoldsIt() {
		assertThat(name("CREATE FUNCTION Audit.Touch_Row() RETURNS trigger AS 'x'"))
			.contains(new ObjectName("audit", "touch_row", null));
		assertThat(name("create or replace procedure \"Mixed\"\"Case\"() AS 'x'"))
			.contains(new ObjectName(null, "Mixed\"Case", null));
		assertThat(name("CREATE FUNCTION Ärger() RETURNS int AS 'x'")).contains(new ObjectName(null, "Ärger", null));
		assertThat(name("CREATE TRIGGER T1 BEFORE UPDATE OF a, b ON Sales.\"Orders\" FOR EACH ROW EXECUTE FUNCTION f()"))
			.contains(new ObjectName("sales", "t1", "Orders"));
		assertThat(name("CREATE CONSTRAINT TRIGGER t AFTER INSERT ON x FOR EACH ROW EXECUTE FUNCTION f()"))
			.contains(new ObjectName(null, "t", "x"));
		assertThat(name("CREATE FUNCTION U&\"d\\0061ta\"() RETURNS int AS 'x'")).isEmpty();
		assertThat(name("CREATE FUNCTION a.b.c() RETURNS int AS 'x'")).isEmpty();
	}

	private static java.util.Optional<ObjectName> name(String sql) {
		return CreateStatement.parse(sql).orElseThrow().objectName();
	}
}

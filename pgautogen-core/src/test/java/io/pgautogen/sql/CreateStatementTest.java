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
	void addsOrReplaceAndMapsPositionsBack() {
		CreateStatement statement = CreateStatement.parse("CREATE FUNCTION f() RETURNS int AS 'select x'").orElseThrow();
		String rewritten = statement.withOrReplace();

		assertThat(rewritten).isEqualTo("CREATE OR REPLACE FUNCTION f() RETURNS int AS 'select x'");
		int positionOfF = rewritten.indexOf("f()") + 1;
		assertThat(statement.originalPosition(positionOfF)).isEqualTo(statement.sql().indexOf("f()") + 1);
		assertThat(statement.originalPosition(3)).isEqualTo(3);
	}

	@Test
	void leavesOrReplaceAlone() {
		CreateStatement statement = CreateStatement.parse("create or replace function f() returns int as 'x'").orElseThrow();
		assertThat(statement.orReplace()).isTrue();
		assertThat(statement.withOrReplace()).isEqualTo(statement.sql());
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

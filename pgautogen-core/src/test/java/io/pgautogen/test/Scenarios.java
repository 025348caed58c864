package io.pgautogen.test;

import java.util.List;
import java.util.Set;

import io.pgautogen.catalog.ObjectKind;

/** The catalogue of planning cases every migration path is checked against. */
public final class Scenarios {

	private static final String TABLE = "CREATE TABLE orders (id int PRIMARY KEY, status text, total numeric, note text)";

	private static final String TOUCH = """
			CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
			  NEW.note := coalesce(NEW.note, '') || '.';
			  RETURN NEW;
			END
			$$""";

	private static final String AUDIT = """
			CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
			  RETURN NULL;
			END
			$$""";

	private Scenarios() {
	}

	/** Every case: functions and triggers, then views and materialized views. */
	public static List<Scenario> all() {
		List<Scenario> all = new java.util.ArrayList<>(routinesAndTriggers());
		all.addAll(ViewScenarios.all());
		return all;
	}

	private static List<Scenario> routinesAndTriggers() {
		return List.of(
				Scenario.named("new function")
					.declare("CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql AS $$ SELECT a + b $$")
					.expect("create function public.add(integer,integer)"),
				Scenario.named("same function written differently")
					.given("CREATE FUNCTION public.add(a integer, b integer) RETURNS integer LANGUAGE sql AS $$ SELECT a + b $$",
							TABLE, TOUCH, "CREATE TRIGGER orders_touch BEFORE UPDATE ON public.orders FOR EACH ROW EXECUTE FUNCTION public.touch()")
					.declare("create   function Add(a INT,b int4)\n  returns   int\n  language SQL\n  as $body$ SELECT a + b $body$;",
							TOUCH.replace("CREATE FUNCTION touch()", "CREATE OR REPLACE FUNCTION public.touch()"),
							"create trigger orders_touch before update on orders for each row execute procedure touch()")
					.expect(),
				Scenario.named("body change")
					.given("CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 41'")
					.declare("CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42'")
					.expect("replace function public.answer()"),
				Scenario.named("return type change")
					.given("CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42'")
					.declare("CREATE FUNCTION answer() RETURNS bigint LANGUAGE sql AS 'SELECT 42::bigint'")
					.expect("recreate function public.answer()"),
				Scenario.named("OUT parameter change")
					.given("CREATE FUNCTION split(a int, OUT lo int, OUT hi int) LANGUAGE sql AS 'SELECT a - 1, a + 1'")
					.declare("CREATE FUNCTION split(a int, OUT lo int, OUT hi text) LANGUAGE sql AS 'SELECT a - 1, (a + 1)::text'")
					.expect("recreate function public.split(integer)"),
				Scenario.named("input parameter rename")
					.given("CREATE FUNCTION twice(a int) RETURNS int LANGUAGE sql AS 'SELECT a * 2'")
					.declare("CREATE FUNCTION twice(n int) RETURNS int LANGUAGE sql AS 'SELECT n * 2'")
					.expect("recreate function public.twice(integer)"),
				Scenario.named("removed default")
					.given("CREATE FUNCTION inc(a int, step int DEFAULT 1) RETURNS int LANGUAGE sql AS 'SELECT a + step'")
					.declare("CREATE FUNCTION inc(a int, step int) RETURNS int LANGUAGE sql AS 'SELECT a + step'")
					.expect("recreate function public.inc(integer,integer)"),
				Scenario.named("added default (downgrade must recreate)")
					.given("CREATE FUNCTION inc(a int, step int) RETURNS int LANGUAGE sql AS 'SELECT a + step'")
					.declare("CREATE FUNCTION inc(a int, step int DEFAULT 1) RETURNS int LANGUAGE sql AS 'SELECT a + step'")
					.expect("replace function public.inc(integer,integer)"),
				Scenario.named("function to procedure")
					.given(TABLE, "CREATE FUNCTION close_order(o int) RETURNS void LANGUAGE sql AS $$ UPDATE orders SET status = 'closed' WHERE id = o $$")
					.declare("CREATE PROCEDURE close_order(o int) LANGUAGE sql AS $$ UPDATE orders SET status = 'closed' WHERE id = o $$")
					.expect("recreate function public.close_order(integer)"),
				Scenario.named("procedures")
					.given("CREATE PROCEDURE bump(INOUT x int) LANGUAGE plpgsql AS $$ BEGIN x := x + 1; END $$")
					.declare("CREATE PROCEDURE bump(INOUT x int) LANGUAGE plpgsql AS $$ BEGIN x := x + 2; END $$",
							"CREATE PROCEDURE noop() LANGUAGE sql AS $$ SELECT 1 $$")
					.expect("replace function public.bump(integer)", "create function public.noop()"),
				Scenario.named("procedure with OUT parameter").since(14)
					.declare("CREATE PROCEDURE total(IN a int, OUT t int) LANGUAGE plpgsql AS $$ BEGIN t := a * 2; END $$")
					.expect("create function public.total(integer)"),
				Scenario.named("undeclared function is dropped")
					.given("CREATE FUNCTION keep() RETURNS int LANGUAGE sql AS 'SELECT 1'",
							"CREATE FUNCTION obsolete() RETURNS int LANGUAGE sql AS 'SELECT 2'")
					.declare("CREATE FUNCTION keep() RETURNS int LANGUAGE sql AS 'SELECT 1'")
					.expect("drop function public.obsolete()"),
				Scenario.named("overload not declared is dropped")
					.given("CREATE FUNCTION show(v int) RETURNS text LANGUAGE sql AS 'SELECT v::text'",
							"CREATE FUNCTION show(v text) RETURNS text LANGUAGE sql AS 'SELECT v'")
					.declare("CREATE FUNCTION show(v int) RETURNS text LANGUAGE sql AS 'SELECT v::text'")
					.expect("drop function public.show(text)"),
				Scenario.named("second schema, other schemas untouched")
					.given("CREATE SCHEMA app", "CREATE FUNCTION app.rate() RETURNS numeric LANGUAGE sql AS 'SELECT 0.1'",
							"CREATE FUNCTION public.untouched() RETURNS int LANGUAGE sql AS 'SELECT 1'")
					.with(settings -> settings.withSchemas(List.of("app")))
					.declare("CREATE FUNCTION app.rate() RETURNS numeric LANGUAGE sql AS 'SELECT 0.2'",
							"CREATE FUNCTION app.fee(amount numeric) RETURNS numeric LANGUAGE sql AS 'SELECT amount * app.rate()'")
					.expect("create function app.fee(numeric)", "replace function app.rate()"),
				Scenario.named("two schemas at once")
					.given("CREATE SCHEMA app", "CREATE FUNCTION app.old() RETURNS int LANGUAGE sql AS 'SELECT 1'")
					.with(settings -> settings.withSchemas(List.of("public", "app")))
					.declare("CREATE FUNCTION public.one() RETURNS int LANGUAGE sql AS 'SELECT 1'",
							"CREATE FUNCTION app.two() RETURNS int LANGUAGE sql AS 'SELECT public.one() + 1'")
					.expect("create function app.two()", "create function public.one()", "drop function app.old()"),
				Scenario.named("extension objects are never touched")
					.given("CREATE EXTENSION pgcrypto")
					.declare("CREATE FUNCTION hash(v text) RETURNS text LANGUAGE sql AS $$ SELECT encode(digest(v, 'sha256'), 'hex') $$")
					.expect("create function public.hash(text)"),
				Scenario.named("excluded functions are left alone")
					.given("CREATE FUNCTION legacy_sum(a int) RETURNS int LANGUAGE sql AS 'SELECT a'")
					.with(settings -> settings.withExclude(List.of("public.legacy_*")))
					.declare("CREATE FUNCTION fresh() RETURNS int LANGUAGE sql AS 'SELECT 1'")
					.expect("create function public.fresh()"),
				Scenario.named("every trigger shape")
					.given(TABLE, "CREATE VIEW open_orders AS SELECT * FROM orders WHERE status = 'open'",
							"CREATE TABLE events (id int, at date) PARTITION BY RANGE (at)",
							"CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')")
					.declare(TOUCH, AUDIT,
							"""
							CREATE FUNCTION open_orders_insert() RETURNS trigger LANGUAGE plpgsql AS $$
							BEGIN
							  INSERT INTO orders (id, status) VALUES (NEW.id, 'open');
							  RETURN NEW;
							END
							$$""",
							"CREATE TRIGGER a_before BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()",
							"CREATE TRIGGER b_after_statement AFTER DELETE ON orders FOR EACH STATEMENT EXECUTE FUNCTION audit()",
							"CREATE TRIGGER c_when BEFORE UPDATE ON orders FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION touch()",
							"CREATE TRIGGER d_update_of AFTER UPDATE OF status, total ON orders FOR EACH ROW EXECUTE FUNCTION audit()",
							"CREATE TRIGGER e_transition AFTER INSERT ON orders REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit()",
							"CREATE CONSTRAINT TRIGGER f_deferred AFTER INSERT OR UPDATE ON orders DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit()",
							"CREATE TRIGGER g_instead INSTEAD OF INSERT ON open_orders FOR EACH ROW EXECUTE FUNCTION open_orders_insert()",
							"CREATE TRIGGER h_partitioned AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION audit()")
					.expect("create function public.audit()", "create function public.open_orders_insert()",
							"create function public.touch()", "create trigger public.events.h_partitioned",
							"create trigger public.open_orders.g_instead", "create trigger public.orders.a_before",
							"create trigger public.orders.b_after_statement", "create trigger public.orders.c_when",
							"create trigger public.orders.d_update_of", "create trigger public.orders.e_transition",
							"create trigger public.orders.f_deferred"),
				Scenario.named("every trigger shape changed")
					.given(TABLE, "CREATE TABLE events (id int, at date) PARTITION BY RANGE (at)",
							"CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
							TOUCH, AUDIT,
							"CREATE TRIGGER a_before BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION touch()",
							"CREATE TRIGGER c_when BEFORE UPDATE ON orders FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION touch()",
							"CREATE CONSTRAINT TRIGGER f_deferred AFTER INSERT ON orders DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit()",
							"CREATE TRIGGER h_partitioned AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION audit()")
					.declare(TOUCH, AUDIT,
							"CREATE TRIGGER a_before BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()",
							"CREATE TRIGGER c_when BEFORE UPDATE ON orders FOR EACH ROW WHEN (OLD.total IS DISTINCT FROM NEW.total) EXECUTE FUNCTION touch()",
							"CREATE CONSTRAINT TRIGGER f_deferred AFTER INSERT OR DELETE ON orders DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit()",
							"CREATE TRIGGER h_partitioned AFTER INSERT OR UPDATE ON events FOR EACH ROW EXECUTE FUNCTION audit()")
					.expect(major -> List.of(triggerReplace(major) + " trigger public.events.h_partitioned",
							triggerReplace(major) + " trigger public.orders.a_before",
							triggerReplace(major) + " trigger public.orders.c_when",
							"recreate trigger public.orders.f_deferred")),
				Scenario.named("trigger whose function changes")
					.given(TABLE, TOUCH, AUDIT, "CREATE TRIGGER orders_hook BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()")
					.declare(TOUCH, AUDIT, "CREATE TRIGGER orders_hook BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit()")
					.expect(major -> List.of(triggerReplace(major) + " trigger public.orders.orders_hook")),
				Scenario.named("trigger moved to a new function, old function removed")
					.given(TABLE, TOUCH, "CREATE TRIGGER orders_hook BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()")
					.declare(AUDIT, "CREATE TRIGGER orders_hook BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION audit()")
					.expect("create function public.audit()", "drop function public.touch()",
							"recreate trigger public.orders.orders_hook"),
				Scenario.named("function used by a trigger's WHEN clause is recreated")
					.given(TABLE, AUDIT, "CREATE FUNCTION is_big(v numeric) RETURNS boolean LANGUAGE sql AS 'SELECT v > 100'",
							"CREATE TRIGGER orders_big AFTER UPDATE ON orders FOR EACH ROW WHEN (is_big(NEW.total)) EXECUTE FUNCTION audit()")
					.declare(AUDIT, "CREATE FUNCTION is_big(amount numeric) RETURNS boolean LANGUAGE sql AS 'SELECT amount > 100'",
							"CREATE TRIGGER orders_big AFTER UPDATE ON orders FOR EACH ROW WHEN (is_big(NEW.total)) EXECUTE FUNCTION audit()")
					.expect("recreate function public.is_big(numeric)", "recreate trigger public.orders.orders_big"),
				Scenario.named("unmanaged trigger is recreated around its recreated function")
					.given(TABLE, AUDIT, "CREATE FUNCTION is_big(v numeric) RETURNS boolean LANGUAGE sql AS 'SELECT v > 100'",
							"CREATE TRIGGER orders_big AFTER UPDATE ON orders FOR EACH ROW WHEN (is_big(NEW.total)) EXECUTE FUNCTION audit()")
					.declare(AUDIT, "CREATE FUNCTION is_big(amount numeric) RETURNS boolean LANGUAGE sql AS 'SELECT amount > 100'")
					.expect("recreate function public.is_big(numeric)", "recreate trigger public.orders.orders_big"),
				Scenario.named("SQL function calls one declared after it")
					.declare("CREATE FUNCTION a_total() RETURNS int LANGUAGE sql AS 'SELECT z_base() + 1'",
							"CREATE FUNCTION z_base() RETURNS int LANGUAGE sql AS 'SELECT 41'")
					.expect("create function public.a_total()", "create function public.z_base()"),
				Scenario.named("SQL functions that call each other")
					.declare("CREATE FUNCTION ping(n int) RETURNS int LANGUAGE sql AS 'SELECT CASE WHEN n <= 0 THEN 0 ELSE pong(n - 1) END'",
							"CREATE FUNCTION pong(n int) RETURNS int LANGUAGE sql AS 'SELECT CASE WHEN n <= 0 THEN 1 ELSE ping(n - 1) END'")
					.expect("create function public.ping(integer)", "create function public.pong(integer)"),
				Scenario.named("SQL-standard bodies in any order").since(14)
					.declare("CREATE FUNCTION a_outer() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT m_middle() + 1; END",
							"CREATE FUNCTION m_middle() RETURNS int LANGUAGE sql RETURN z_inner() * 2",
							"CREATE FUNCTION z_inner() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 20; END")
					.expect("create function public.a_outer()", "create function public.m_middle()",
							"create function public.z_inner()"),
				Scenario.named("SQL-standard body user recreated with its callee").since(14)
					.given("CREATE FUNCTION base() RETURNS int LANGUAGE sql RETURN 1",
							"CREATE FUNCTION derived() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT base() + 1; END")
					.declare("CREATE FUNCTION base() RETURNS bigint LANGUAGE sql RETURN 1",
							"CREATE FUNCTION derived() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT (base() + 1)::int; END")
					.expect("recreate function public.base()", "recreate function public.derived()"),
				Scenario.named("managed kind without declarations drops everything of it")
					.given(TABLE, TOUCH, "CREATE TRIGGER t1 BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()",
							"CREATE TRIGGER t2 BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION touch()")
					.with(settings -> settings.withManage(Set.of(ObjectKind.TRIGGER)))
					.expect("drop trigger public.orders.t1", "drop trigger public.orders.t2"),
				Scenario.named("unmanaged kind is not touched")
					.given(TABLE, TOUCH, "CREATE TRIGGER t1 BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()")
					.declare(TOUCH.replace("'.'", "'!'"))
					.expect("replace function public.touch()"),
				Scenario.named("bodies with placeholders, nested dollar quotes and directive-like lines")
					.given(TABLE)
					.declare("""
							CREATE FUNCTION tricky() RETURNS text LANGUAGE plpgsql AS $outer$
							DECLARE
							  q text := $$it's; ${user} ${HOME} ${flyway:timestamp} ${user.name}$$;
							BEGIN
							-- comment: not a Liquibase comment
							--rollback not a rollback
							--changeset not:a-changeset
							  /* liquibase rollback */
							  RETURN q || ';' || $inner$ $$ nested; $$ $inner$; -- trailing; comment
							END
							$outer$""",
							"CREATE FUNCTION crlf() RETURNS text LANGUAGE plpgsql AS E'BEGIN\\r\\n  RETURN ''a;b'';\\r\\nEND'",
							"CREATE FUNCTION \"odd${name}\"() RETURNS int LANGUAGE sql AS 'SELECT 1'",
							TOUCH,
							"CREATE TRIGGER orders_note BEFORE UPDATE ON orders FOR EACH ROW WHEN (NEW.note IS DISTINCT FROM '${note}') EXECUTE FUNCTION touch()")
					.expect("create function public.tricky()", "create function public.crlf()",
							"create function public.\"odd${name}\"()", "create function public.touch()",
							"create trigger public.orders.orders_note"),
				Scenario.named("recreated objects keep their privileges and comments")
					.given(TABLE, AUDIT, "CREATE FUNCTION is_big(v numeric) RETURNS boolean LANGUAGE sql AS 'SELECT v > 100'",
							"REVOKE ALL ON FUNCTION is_big(numeric) FROM PUBLIC",
							"GRANT EXECUTE ON FUNCTION is_big(numeric) TO pg_monitor WITH GRANT OPTION",
							"COMMENT ON FUNCTION is_big(numeric) IS 'Orders worth a second look; it''s a guess'",
							"CREATE TRIGGER orders_big AFTER UPDATE ON orders FOR EACH ROW WHEN (is_big(NEW.total)) EXECUTE FUNCTION audit()",
							"COMMENT ON TRIGGER orders_big ON orders IS 'audits big orders'",
							"CREATE PROCEDURE archive(o int) LANGUAGE sql AS $$ DELETE FROM orders WHERE id = o $$",
							"REVOKE EXECUTE ON PROCEDURE archive(int) FROM PUBLIC",
							"COMMENT ON PROCEDURE archive(int) IS 'removes an order'")
					.declare(AUDIT, "CREATE FUNCTION is_big(amount numeric) RETURNS boolean LANGUAGE sql AS 'SELECT amount > 100'",
							"CREATE TRIGGER orders_big AFTER UPDATE ON orders FOR EACH ROW WHEN (is_big(NEW.total)) EXECUTE FUNCTION audit()",
							"CREATE FUNCTION archive(o int) RETURNS void LANGUAGE sql AS $$ DELETE FROM orders WHERE id = o $$")
					.expect("recreate function public.is_big(numeric)", "recreate trigger public.orders.orders_big",
							"recreate function public.archive(integer)"),
				Scenario.named("a dropped function comes back with its privileges")
					.given("CREATE FUNCTION internal() RETURNS int LANGUAGE sql AS 'SELECT 1'",
							"REVOKE ALL ON FUNCTION internal() FROM PUBLIC", "COMMENT ON FUNCTION internal() IS 'not for you'",
							"CREATE FUNCTION kept() RETURNS int LANGUAGE sql AS 'SELECT 2'")
					.declare("CREATE FUNCTION kept() RETURNS int LANGUAGE sql AS 'SELECT 2'")
					.expect("drop function public.internal()"),
				Scenario.named("quoted identifiers")
					.given("CREATE SCHEMA \"Sales\"", "CREATE TABLE \"Sales\".\"Order Lines\" (id int, \"Amount\" numeric)")
					.with(settings -> settings.withSchemas(List.of("Sales")))
					.declare("CREATE FUNCTION \"Sales\".\"Line Total\"(\"Qty\" int) RETURNS int LANGUAGE sql AS 'SELECT \"Qty\" * 2'",
							AUDIT.replace("FUNCTION audit()", "FUNCTION \"Sales\".audit()"),
							"CREATE TRIGGER \"Audit Lines\" AFTER INSERT ON \"Sales\".\"Order Lines\" FOR EACH ROW EXECUTE FUNCTION \"Sales\".audit()")
					.expect("create function \"Sales\".\"Line Total\"(integer)", "create function \"Sales\".audit()",
							"create trigger \"Sales\".\"Order Lines\".\"Audit Lines\""));
	}

	/** The action a changed plain trigger gets on {@code major}. */
	public static String triggerReplace(int major) {
		return (major >= 14) ? "replace" : "recreate";
	}
}

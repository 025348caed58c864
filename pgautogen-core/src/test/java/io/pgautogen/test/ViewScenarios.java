package io.pgautogen.test;

import java.util.List;
import java.util.Set;

import io.pgautogen.catalog.ObjectKind;

/** Planning cases for views and materialized views, alone and in chains with functions and triggers. */
final class ViewScenarios {

	private static final String TABLE = "CREATE TABLE orders (id int PRIMARY KEY, status text, total numeric, note text)";

	private static final String OPEN = "CREATE VIEW open_orders AS SELECT id, total FROM orders WHERE status = 'open'";

	private static final String CHAIN_TABLE = "CREATE TABLE t (a int, b text, c numeric)";

	private static final String V1 = "CREATE VIEW v1 AS SELECT a, b, c FROM t";

	private static final String V2 = "CREATE VIEW v2 AS SELECT a, b FROM v1";

	private static final String V3 = "CREATE VIEW v3 AS SELECT a FROM v2 WHERE b <> ''";

	private static final String TOTALS = "CREATE MATERIALIZED VIEW totals AS SELECT status, sum(total) AS total FROM orders"
			+ " GROUP BY status";

	private static final String REDIRECT = """
			CREATE FUNCTION redirect() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
			  INSERT INTO orders (id, total, status) VALUES (NEW.id, NEW.total, 'open');
			  RETURN NEW;
			END
			$$""";

	private ViewScenarios() {
	}

	static List<Scenario> all() {
		return List.of(
				Scenario.named("new view")
					.given(TABLE)
					.declare(OPEN)
					.expect("create view public.open_orders"),
				Scenario.named("same view written differently")
					.given(TABLE, "CREATE VIEW public.open_orders AS SELECT orders.id, orders.total FROM public.orders"
							+ " WHERE orders.status = 'open'::text")
					.declare("create or replace view Open_Orders as\n  select id AS id, TOTAL\n  from ORDERS where status = 'open';")
					.expect(),
				Scenario.named("view query changed, same columns")
					.given(TABLE, OPEN)
					.declare(OPEN.replace("'open'", "'pending'"))
					.expect("replace view public.open_orders"),
				Scenario.named("view gains a trailing column (downgrade must recreate)")
					.given(TABLE, OPEN)
					.declare(OPEN.replace("total FROM", "total, note FROM"))
					.expect("replace view public.open_orders"),
				Scenario.named("view loses a column")
					.given(TABLE, OPEN)
					.declare(OPEN.replace("id, total", "id"))
					.expect("recreate view public.open_orders"),
				Scenario.named("view column renamed")
					.given(TABLE, OPEN)
					.declare(OPEN.replace("total FROM", "total AS amount FROM"))
					.expect("recreate view public.open_orders"),
				Scenario.named("view column retyped")
					.given(TABLE, OPEN)
					.declare(OPEN.replace("total FROM", "total::int AS total FROM"))
					.expect("recreate view public.open_orders"),
				Scenario.named("view options added and removed")
					.given(TABLE, OPEN, "CREATE VIEW guarded WITH (security_barrier) AS SELECT id FROM orders WHERE total > 0")
					.declare(OPEN + " WITH CASCADED CHECK OPTION", "CREATE VIEW guarded AS SELECT id FROM orders WHERE total > 0")
					.expect("replace view public.open_orders", "replace view public.guarded"),
				Scenario.named("security_invoker view").since(15)
					.given(TABLE, OPEN)
					.declare(OPEN.replace("VIEW open_orders", "VIEW open_orders WITH (security_invoker = true)"))
					.expect("replace view public.open_orders"),
				Scenario.named("recursive view")
					.declare("CREATE RECURSIVE VIEW countdown (n) AS VALUES (3) UNION ALL SELECT n - 1 FROM countdown WHERE n > 0")
					.expect("create view public.countdown"),
				Scenario.named("view becomes a materialized view")
					.given(TABLE, OPEN)
					.declare(OPEN.replace("VIEW", "MATERIALIZED VIEW"))
					.with(settings -> settings.withManage(Set.of(ObjectKind.VIEW)))
					.expect("recreate materialized-view public.open_orders"),
				Scenario.named("materialized view becomes a view")
					.given(TABLE, OPEN.replace("VIEW", "MATERIALIZED VIEW"))
					.declare(OPEN)
					.with(settings -> settings.withManage(Set.of(ObjectKind.MATERIALIZED_VIEW)))
					.expect("recreate view public.open_orders"),
				Scenario.named("undeclared views are dropped, dependents first")
					.given(CHAIN_TABLE, V1, V2, V3, TABLE, OPEN)
					.declare(OPEN)
					.expect("drop view public.v1", "drop view public.v2", "drop view public.v3"),
				Scenario.named("view chain: the bottom view loses a column, all declared")
					.given(CHAIN_TABLE, V1, V2, V3)
					.declare(V3, V2, V1.replace("b, c", "b"))
					.expect("recreate view public.v1", "recreate view public.v2", "recreate view public.v3"),
				Scenario.named("view chain: the views above are not managed")
					.given(CHAIN_TABLE, V1, V2.replace("v2", "report_v2"), V3.replace("v3", "report_v3").replace("v2", "report_v2"),
							"GRANT SELECT ON report_v3 TO pg_monitor", "COMMENT ON VIEW report_v2 IS 'kept'",
							"COMMENT ON COLUMN report_v3.a IS 'the a'")
					.declare(V1.replace("b, c", "b"))
					.with(settings -> settings.withExclude(List.of("public.report_*")))
					.expect("recreate view public.v1", "recreate view public.report_v2", "recreate view public.report_v3"),
				Scenario.named("view chain: managed and unmanaged mixed")
					.given(CHAIN_TABLE, V1, V2.replace("v2", "report_v2"), V3.replace("v2", "report_v2"))
					.declare(V3.replace("v2", "report_v2"), V1.replace("b, c", "b"))
					.with(settings -> settings.withExclude(List.of("public.report_*")))
					.expect("recreate view public.v1", "recreate view public.report_v2", "recreate view public.v3"),
				Scenario.named("function under a managed view changes its result type")
					.given("CREATE FUNCTION rate() RETURNS int LANGUAGE sql AS 'SELECT 7'",
							"CREATE VIEW rates AS SELECT rate() AS rate")
					.declare("CREATE VIEW rates AS SELECT rate() AS rate",
							"CREATE FUNCTION rate() RETURNS numeric LANGUAGE sql AS 'SELECT 7.5'")
					.expect("recreate function public.rate()", "recreate view public.rates"),
				Scenario.named("function under an unmanaged view changes its result type")
					.given("CREATE FUNCTION rate() RETURNS int LANGUAGE sql AS 'SELECT 7'",
							"CREATE VIEW rates AS SELECT rate() AS rate", "CREATE VIEW rates_twice AS SELECT rate * 2 AS r FROM rates",
							"GRANT SELECT ON rates TO pg_monitor", "COMMENT ON VIEW rates IS 'the rate'",
							"COMMENT ON COLUMN rates_twice.r IS 'twice'")
					.declare("CREATE FUNCTION rate() RETURNS bigint LANGUAGE sql AS 'SELECT 7::bigint'")
					.expect("recreate function public.rate()", "recreate view public.rates", "recreate view public.rates_twice"),
				Scenario.named("INSTEAD OF trigger on a recreated view")
					.given(TABLE, OPEN, REDIRECT,
							"CREATE TRIGGER open_orders_insert INSTEAD OF INSERT ON open_orders FOR EACH ROW EXECUTE FUNCTION redirect()",
							"COMMENT ON TRIGGER open_orders_insert ON open_orders IS 'writes through'")
					.declare(OPEN.replace("id, total", "id, total AS amount"), REDIRECT)
					.with(settings -> settings.withManage(Set.of(ObjectKind.VIEW)))
					.expect("recreate view public.open_orders", "recreate trigger public.open_orders.open_orders_insert"),
				Scenario.named("declared INSTEAD OF trigger on a new view")
					.given(TABLE)
					.declare("CREATE TRIGGER open_orders_insert INSTEAD OF INSERT ON open_orders FOR EACH ROW EXECUTE FUNCTION redirect()",
							REDIRECT, OPEN)
					.expect("create view public.open_orders", "create function public.redirect()",
							"create trigger public.open_orders.open_orders_insert"),
				Scenario.named("materialized view with index and comment, unchanged")
					.given(TABLE, TOTALS, "CREATE UNIQUE INDEX totals_status ON totals (status)",
							"COMMENT ON MATERIALIZED VIEW totals IS 'per status'")
					.declare("CREATE UNIQUE INDEX totals_status ON totals (status)", TOTALS + " WITH DATA")
					.expect(),
				Scenario.named("materialized view with index and comment recreated")
					.given(TABLE, TOTALS, "CREATE UNIQUE INDEX totals_status ON totals (status)",
							"COMMENT ON MATERIALIZED VIEW totals IS 'per status'", "COMMENT ON INDEX totals_status IS 'for refresh'",
							"GRANT SELECT ON totals TO pg_monitor")
					.declare(TOTALS.replace("sum(total)", "sum(total) FILTER (WHERE total > 0)"),
							"CREATE UNIQUE INDEX totals_status ON totals (status)")
					.expect("recreate materialized-view public.totals"),
				Scenario.named("materialized view index added")
					.given(TABLE, TOTALS)
					.declare(TOTALS, "CREATE UNIQUE INDEX totals_status ON totals (status)")
					.expect("recreate materialized-view public.totals"),
				Scenario.named("materialized view declared WITH NO DATA")
					.given(TABLE)
					.declare(TOTALS + " WITH NO DATA")
					.expect("create materialized-view public.totals"),
				Scenario.named("view over a materialized view that is recreated")
					.given(TABLE, TOTALS, "CREATE VIEW big_totals AS SELECT status FROM totals WHERE total > 100")
					.declare(TOTALS.replace("sum(total)", "max(total)"), "CREATE VIEW big_totals AS SELECT status FROM totals WHERE total > 100")
					.expect("recreate materialized-view public.totals", "recreate view public.big_totals"),
				Scenario.named("views in two schemas")
					.given("CREATE SCHEMA reporting", TABLE, OPEN, "CREATE VIEW reporting.open_count AS SELECT count(*) AS n FROM public.open_orders")
					.with(settings -> settings.withSchemas(List.of("public", "reporting")))
					.declare(OPEN.replace("id, total", "id"), "CREATE VIEW reporting.open_count AS SELECT count(*) AS n FROM open_orders",
							"CREATE VIEW reporting.recent AS SELECT id FROM public.orders WHERE id > 100")
					.expect("recreate view public.open_orders", "recreate view reporting.open_count", "create view reporting.recent"),
				Scenario.named("quoted view names with spaces")
					.given(TABLE, "CREATE VIEW \"Open Orders\" AS SELECT id FROM orders")
					.declare("CREATE VIEW \"Open Orders\" AS SELECT id, total AS \"Order Total\" FROM orders",
							"CREATE MATERIALIZED VIEW \"Order Totals\" AS SELECT sum(\"Order Total\") AS \"Sum\" FROM \"Open Orders\"",
							"CREATE UNIQUE INDEX \"Order Totals Sum\" ON \"Order Totals\" (\"Sum\")")
					.expect("replace view public.\"Open Orders\"", "create materialized-view public.\"Order Totals\""));
	}
}

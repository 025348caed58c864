-- Order reports: a view over the declared order_total() bean, a materialized view over it.
CREATE VIEW order_summaries AS
  SELECT o.id, o.status, order_total(o.id) AS total
  FROM orders o;

CREATE MATERIALIZED VIEW "Status Totals" AS
  SELECT status, sum(total) AS total FROM order_summaries GROUP BY status;

CREATE UNIQUE INDEX status_totals_status ON "Status Totals" (status);

CREATE TABLE orders (
  id bigint PRIMARY KEY,
  status text NOT NULL DEFAULT 'open',
  updated_at timestamptz
);

CREATE TABLE order_lines (
  id bigint PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders,
  amount numeric NOT NULL
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  table_name text NOT NULL,
  operation text NOT NULL,
  row_data jsonb
);

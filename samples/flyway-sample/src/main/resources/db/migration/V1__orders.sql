CREATE TABLE orders (
  id         bigint PRIMARY KEY,
  customer   text NOT NULL,
  status     text NOT NULL DEFAULT 'open',
  total      numeric(12, 2) NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE order_lines (
  id       bigserial PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders ON DELETE CASCADE,
  product  text NOT NULL,
  amount   numeric(12, 2) NOT NULL
);

CREATE TABLE audit_log (
  id         bigserial PRIMARY KEY,
  table_name text NOT NULL,
  operation  text NOT NULL,
  row_data   jsonb,
  logged_at  timestamptz NOT NULL DEFAULT now()
);

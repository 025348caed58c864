--liquibase formatted sql

--changeset sample:products
CREATE TABLE products (
  id    bigint PRIMARY KEY,
  name  text NOT NULL,
  price numeric(12, 2) NOT NULL
);
CREATE TABLE price_history (
  product_id bigint NOT NULL REFERENCES products,
  old_price  numeric(12, 2),
  new_price  numeric(12, 2) NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
--rollback DROP TABLE price_history; DROP TABLE products;

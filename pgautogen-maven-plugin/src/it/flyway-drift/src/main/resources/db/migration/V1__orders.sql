CREATE TABLE orders (id bigint PRIMARY KEY, updated_at timestamptz);

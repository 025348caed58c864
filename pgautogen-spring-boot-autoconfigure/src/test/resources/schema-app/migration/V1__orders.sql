CREATE TABLE orders (id bigint PRIMARY KEY, updated_at timestamptz);
-- The test application's orderTotal bean reads this one, qualified.
CREATE TABLE public.order_lines (order_id bigint, amount numeric);

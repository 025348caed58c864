-- orders.total is the sum of its lines, kept up to date by the database.

CREATE FUNCTION order_total(order_id bigint) RETURNS numeric LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(l.amount), 0) FROM public.order_lines l WHERE l.order_id = order_total.order_id
$$;

CREATE FUNCTION refresh_order_total() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE public.orders SET total = public.order_total(coalesce(NEW.order_id, OLD.order_id))
  WHERE id = coalesce(NEW.order_id, OLD.order_id);
  RETURN NULL;
END
$$;

CREATE TRIGGER order_lines_total AFTER INSERT OR UPDATE OR DELETE ON order_lines
  FOR EACH ROW EXECUTE FUNCTION refresh_order_total();

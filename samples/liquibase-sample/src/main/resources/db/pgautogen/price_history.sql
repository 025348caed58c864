-- Every price change is kept in price_history.

CREATE FUNCTION record_price_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO public.price_history (product_id, old_price, new_price)
  VALUES (NEW.id, CASE WHEN TG_OP = 'UPDATE' THEN OLD.price END, NEW.price);
  RETURN NULL;
END
$$;

CREATE TRIGGER products_price_history AFTER INSERT OR UPDATE OF price ON products
  FOR EACH ROW EXECUTE FUNCTION record_price_change();

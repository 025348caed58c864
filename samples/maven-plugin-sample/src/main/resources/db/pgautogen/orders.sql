-- Keeps orders.updated_at current. Change this file, and "./mvnw verify" fails until
-- "./mvnw -pl samples/maven-plugin-sample pgautogen:generate" has written the migration.
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

CREATE TRIGGER orders_touch BEFORE UPDATE ON orders
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION touch_updated_at();

-- A typo in the body.
CREATE FUNCTION broken() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RETRUN NEW;
END
$$;

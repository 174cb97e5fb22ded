-- Envelope encryption of the per-database secrets (SUYUAN_MASTER_KEY): a secret created before the
-- master key was configured is wrapped in place on first use. Only a matching old value is
-- replaced, so two processes wrapping at once cannot lose the secret.
CREATE FUNCTION suyuan_secret_rewrap(secret_name text, old_value bytea, new_value bytea) RETURNS boolean
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  UPDATE secrets SET value = new_value WHERE name = secret_name AND value = old_value;
  RETURN FOUND;
END $$;
REVOKE ALL ON FUNCTION suyuan_secret_rewrap(text, bytea, bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION suyuan_secret_rewrap(text, bytea, bytea) TO suyuan_app;

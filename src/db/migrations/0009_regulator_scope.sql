-- A regulator oversees an enterprise when the enterprise is filed in its region (the credit code's
-- registering-authority region when the enterprise is not filed here) and, if the regulator has
-- industry scopes, when the enterprise works in one of them.
CREATE OR REPLACE FUNCTION suyuan_regulates(enterprise text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT suyuan_setting('role') = 'regulator' AND enterprise IS NOT NULL AND (
    SELECT coalesce(e.region, substr(enterprise, 3, 6)) LIKE suyuan_setting('region') || '%'
      AND (suyuan_setting('industries') IS NULL
           OR e.industries IS NULL
           OR e.industries && string_to_array(suyuan_setting('industries'), ','))
    FROM (SELECT 1) one
    LEFT JOIN enterprises e ON e.credit_code = enterprise)
$$;

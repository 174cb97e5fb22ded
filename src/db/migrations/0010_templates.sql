-- Industry templates (行业追溯模板): one row per template version. Versions are immutable: a change
-- is a new version. Built-in templates (src/templates/builtin/*.yaml) are inserted at start;
-- regulators and platform administrators add others through POST /api/templates.
CREATE TABLE templates (
  id          text NOT NULL,
  version     integer NOT NULL CHECK (version > 0),
  category    text NOT NULL,
  body        jsonb NOT NULL,
  builtin     boolean NOT NULL DEFAULT false,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);
CREATE INDEX templates_category ON templates (category, id);

CREATE FUNCTION suyuan_templates_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'template versions are immutable: add a new version instead';
END $$;
CREATE TRIGGER templates_immutable BEFORE UPDATE OR DELETE ON templates
  FOR EACH ROW EXECUTE FUNCTION suyuan_templates_immutable();

ALTER TABLE templates ENABLE ROW LEVEL SECURITY;
CREATE POLICY templates_read ON templates FOR SELECT TO suyuan_app USING (true);
CREATE POLICY templates_insert ON templates FOR INSERT TO suyuan_app
  WITH CHECK (suyuan_is_admin() OR suyuan_setting('role') = 'regulator');

-- The template version (id@version) and CTE an event was checked against.
ALTER TABLE events ADD COLUMN template text;
ALTER TABLE events ADD COLUMN template_cte text;
CREATE INDEX events_template ON events (template, template_cte) WHERE template IS NOT NULL;

-- The template events of some codes, for the capture rules (gas cylinders, drug codes): read past
-- row-level security, since the registration of a cylinder or the first commissioning of a code
-- may belong to another enterprise; returns only what the rules need.
CREATE FUNCTION suyuan_template_history(codes text[], template_ids text[])
  RETURNS TABLE (epc text, event_time timestamptz, template text, template_cte text,
    owner_enterprise text, doc jsonb)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT x.epc, e.event_time, e.template, e.template_cte, e.owner_enterprise,
    jsonb_strip_nulls(jsonb_build_object(
      'fillingUnit', e.doc -> 'suyuan:fillingUnit',
      'nextInspectionDate', e.doc -> 'suyuan:nextInspectionDate',
      'conclusion', e.doc -> 'suyuan:conclusion',
      'scrapDate', e.doc -> 'suyuan:scrapDate'))
  FROM event_epcs x JOIN events e ON e.id = x.event_pk
  WHERE x.epc = ANY (codes) AND e.error_declaration_time IS NULL
    AND split_part(e.template, '@', 1) = ANY (template_ids)
$$;

-- Codes of the list that some stored event already commissioned (any owner).
CREATE FUNCTION suyuan_commissioned(codes text[]) RETURNS TABLE (epc text, owner_enterprise text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT x.epc, e.owner_enterprise FROM event_epcs x JOIN events e ON e.id = x.event_pk
  WHERE x.epc = ANY (codes) AND NOT x.is_class AND x.role IN ('epc', 'child', 'output')
    AND e.error_declaration_time IS NULL
    AND (e.biz_step = 'commissioning' OR (e.event_type = 'ObjectEvent' AND e.action = 'ADD'))
$$;

import { type RawBuilder, sql } from 'kysely';

// Special equipment (特种设备): elevators and gas cylinders are assets with one code each; what
// happened to them is the events naming that code with the bizSteps of their templates.

/** Steps that take an asset out of use for good: no more maintenance or inspection is due. */
export const retiringSteps = [
  'decommissioning',
  'destroying',
  'urn:suyuan:bizstep:scrapping',
  'urn:suyuan:bizstep:cylinder_scrapping',
];

/**
 * One row per asset (instance code) that has an event with one of `steps` (or, with `templates`,
 * an event recorded with one of those industry templates): the asset, its latest
 * such event (time, eventID, document), its first event of any of the steps, the owner of its
 * latest event of any kind (the enterprise concerned) and whether it was retired.
 */
export function assets(steps: RawBuilder<unknown>, onlyPks?: string[], templates?: RawBuilder<unknown>) {
  const restrict = onlyPks
    ? sql`AND x.epc IN (SELECT y.epc FROM event_epcs y WHERE y.event_pk = ANY (${onlyPks}::bigint[]))`
    : sql``;
  return sql`
    SELECT x.epc,
      max(e.event_time) AS last_at, min(e.event_time) AS first_at,
      (array_agg(e.event_id ORDER BY e.event_time DESC, e.id DESC))[1] AS last_event,
      (array_agg(e.doc ORDER BY e.event_time DESC, e.id DESC))[1] AS last_doc,
      (SELECT o.owner_enterprise FROM event_epcs z JOIN events o ON o.id = z.event_pk
        WHERE z.epc = x.epc AND o.owner_enterprise IS NOT NULL AND o.error_declaration_time IS NULL
        ORDER BY o.event_time DESC, o.id DESC LIMIT 1) AS enterprise,
      EXISTS (SELECT 1 FROM event_epcs z JOIN events o ON o.id = z.event_pk
        WHERE z.epc = x.epc AND o.error_declaration_time IS NULL
          AND (o.biz_step = ANY (${retiringSteps}::text[]) OR o.disposition = 'destroyed')) AS retired
    FROM events e JOIN event_epcs x ON x.event_pk = e.id
    WHERE (e.biz_step = ANY (${steps}) ${templates ? sql`OR split_part(e.template, '@', 1) = ANY (${templates})` : sql``})
      AND e.error_declaration_time IS NULL AND NOT x.is_class
      AND x.role IN ('epc', 'parent') ${restrict}
    GROUP BY x.epc`;
}

import { type RawBuilder, sql } from 'kysely';
import type { CandidateColumns, Rule } from '../model.js';
import { asDate, hasBizStep, jsonDays } from './common.js';

const harvestSteps = ['urn:suyuan:bizstep:harvesting', 'harvesting'];
/** The farm-inputs template's field-use CTE (urn:suyuan:bizstep:field_application), and an older name. */
const applicationSteps = ['urn:suyuan:bizstep:field_application', 'urn:suyuan:bizstep:pesticide_application'];

/**
 * The safety interval an event states (suyuan:safetyIntervalDays, as the farm-inputs field-use CTE
 * writes it: a plain number of days, or a number with a unit {"suyuan:value", "suyuan:unit"}).
 */
const days = (doc: RawBuilder<unknown>) => jsonDays(sql`(${doc} -> 'suyuan:safetyIntervalDays')`);

/**
 * 安全间隔期内采收: a harvest less than the pesticide's safety interval (安全间隔期) after its last use
 * on the same field — from the harvest record's own last-use date, or from a pesticide-application
 * event at the same location (bizLocation, else readPoint).
 */
export const pesticideInterval: Rule = {
  id: 'pesticide-safety-interval',
  name: { zh: '安全间隔期内采收', en: 'Harvest within the pesticide safety interval' },
  description: {
    zh: '采收距同一地块最近一次施药未满安全间隔期。间隔期取自施药记录的 suyuan:safetyIntervalDays，缺省用参数。',
    en: 'A harvest sooner after a pesticide use on the same field than its safety interval.',
  },
  severity: 'high',
  parameters: [
    {
      name: 'intervalDays',
      type: 'number',
      default: 7,
      min: 0,
      max: 365,
      label: { zh: '缺省安全间隔期（天）', en: 'Default safety interval (days)' },
    },
    {
      name: 'harvestSteps',
      type: 'list',
      default: harvestSteps,
      label: { zh: '采收业务步骤', en: 'Harvest bizSteps' },
    },
    {
      name: 'applicationSteps',
      type: 'list',
      default: applicationSteps,
      label: { zh: '施药业务步骤', en: 'Pesticide-use bizSteps' },
    },
  ],
  appliesTo: (events) =>
    events.some((e) => e.event.bizStep !== null && /harvest/.test(e.event.bizStep)) ||
    hasBizStep(events, harvestSteps),
  onCapture(ctx) {
    const owner = sql`h.owner_enterprise`;
    const interval = ctx.param('intervalDays', owner);
    return sql<CandidateColumns>`
      WITH harvests AS (
        SELECT e.id, e.event_id, e.owner_enterprise, e.event_time, e.doc,
          coalesce(e.biz_location, e.read_point) AS place
        FROM events e
        WHERE e.id = ANY (${ctx.pks}::bigint[]) AND e.error_declaration_time IS NULL
          AND e.biz_step = ANY (${ctx.param('harvestSteps', sql`e.owner_enterprise`)})),
      uses AS (
        SELECT h.id, h.event_id, h.owner_enterprise, h.event_time, NULL::text AS use_event,
          ${asDate(sql`(h.doc ->> 'suyuan:lastPesticideUse')`)}::timestamptz AS used_at,
          coalesce(${days(sql`h.doc`)}, ${interval}) AS days
        FROM harvests h WHERE ${asDate(sql`(h.doc ->> 'suyuan:lastPesticideUse')`)} IS NOT NULL
        UNION ALL
        SELECT h.id, h.event_id, h.owner_enterprise, h.event_time, a.event_id, a.event_time,
          coalesce(${days(sql`a.doc`)}, ${interval})
        FROM harvests h JOIN events a ON coalesce(a.biz_location, a.read_point) = h.place
          AND a.biz_step = ANY (${ctx.param('applicationSteps', owner)})
          AND a.event_time <= h.event_time AND a.error_declaration_time IS NULL
        WHERE h.place IS NOT NULL)
      SELECT DISTINCT ON (u.event_id) 'harvest:' || u.event_id AS subject, u.owner_enterprise AS enterprise,
        (SELECT min(x.epc) FROM event_epcs x WHERE x.event_pk = u.id) AS code,
        format('采收距最近一次施药仅 %s 天，未满安全间隔期 %s 天',
          floor(extract(epoch FROM u.event_time - u.used_at) / 86400), u.days) AS message,
        jsonb_build_object('events', to_jsonb(array_remove(ARRAY[u.event_id, u.use_event], NULL)),
          'codes', coalesce((SELECT jsonb_agg(DISTINCT x.epc) FROM event_epcs x WHERE x.event_pk = u.id), '[]'::jsonb),
          'facts', jsonb_build_object('usedAt', u.used_at, 'harvestedAt', u.event_time, 'intervalDays', u.days)) AS evidence
      FROM uses u
      WHERE u.event_time < u.used_at + make_interval(secs => u.days * 86400)
      ORDER BY u.event_id, u.used_at DESC`;
  },
};

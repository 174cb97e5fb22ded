import { sql } from 'kysely';
import type { CandidateColumns, Rule } from '../model.js';
import { asDate, sellingSteps } from './common.js';

/** 销售过期产品: a sale of goods whose expiry date had passed on the day of the sale. */
export const expiredSold: Rule = {
  id: 'expired-sold',
  name: { zh: '销售过期产品', en: 'Expired product sold' },
  description: {
    zh: '销售日期晚于产品的保质期截止日期。截止日期取自赋码登记（codes.expiry_date）、批次/单品的 ILMD 或事件本身的到期日字段。',
    en: 'A sale after the expiry date, taken from the issued code, the ILMD of the lot or item, or the event itself.',
  },
  severity: 'high',
  parameters: [
    {
      name: 'graceDays',
      type: 'number',
      default: 0,
      min: 0,
      max: 365,
      label: { zh: '宽限天数', en: 'Grace days' },
    },
    {
      name: 'expiryFields',
      type: 'list',
      default: [
        'cbvmda:itemExpirationDate',
        'itemExpirationDate',
        'suyuan:expiryDate',
        'suyuan:expirationDate',
      ],
      label: { zh: '到期日字段', en: 'Expiry date fields' },
    },
  ],
  appliesTo: (events) =>
    events.some((e) => e.event.bizStep !== null && sellingSteps.includes(e.event.bizStep)),
  onCapture(ctx) {
    const owner = sql`e.owner_enterprise`;
    const fields = ctx.param('expiryFields', owner);
    return sql<CandidateColumns>`
      WITH sold AS (
        SELECT m.epc, e.id, e.event_id, e.owner_enterprise, e.doc,
          (e.event_time AT TIME ZONE 'Asia/Shanghai')::date AS day
        FROM lineage_movements m JOIN events e ON e.id = m.event_pk
        WHERE m.event_pk = ANY (${ctx.pks}::bigint[]) AND m.kind = 'sold'),
      dated AS (
        SELECT s.*, (
          SELECT min(d) FROM (
            SELECT c.expiry_date AS d FROM codes c WHERE c.uri = s.epc
            UNION ALL
            SELECT ${asDate(sql`(o.doc -> 'ilmd' ->> f)`)}
            FROM event_epcs x JOIN events o ON o.id = x.event_pk CROSS JOIN unnest(${fields}) f
            WHERE x.epc = s.epc AND x.role IN ('epc', 'output') -- ILMD comes with ADD and transformation outputs
              AND (o.action = 'ADD' OR o.event_type = 'TransformationEvent')
              AND o.doc -> 'ilmd' ->> f ~ '^\\d{4}-\\d{2}-\\d{2}'
            UNION ALL
            SELECT ${asDate(sql`(s.doc ->> f)`)} FROM unnest(${fields}) f WHERE s.doc ->> f ~ '^\\d{4}-\\d{2}-\\d{2}') ds
        ) AS expiry
        FROM sold s)
      SELECT DISTINCT ON (d.event_id, d.epc) 'expired-sale:' || d.event_id || ' ' || d.epc AS subject,
        d.owner_enterprise AS enterprise, d.epc AS code,
        format('%s 于 %s 销售，已过保质期（%s 到期）', d.epc, d.day, d.expiry) AS message,
        jsonb_build_object('events', jsonb_build_array(d.event_id), 'codes', jsonb_build_array(d.epc),
          'facts', jsonb_build_object('saleDay', d.day, 'expiry', d.expiry)) AS evidence
      FROM dated d
      WHERE d.expiry IS NOT NULL AND d.day > d.expiry + ${ctx.param('graceDays', sql`d.owner_enterprise`)}::int`;
  },
};

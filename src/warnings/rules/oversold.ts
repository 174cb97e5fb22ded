import { sql } from 'kysely';
import type { CandidateColumns, Rule } from '../model.js';
import { sellingSteps } from './common.js';

/**
 * 销售量大于进货量: a party has sold and shipped more of an object than it produced and received
 * (lineage_movements, the same table holders and impact read). Items received inside a pallet or
 * case count as received with it.
 */
export const oversold: Rule = {
  id: 'oversold',
  name: { zh: '销售量大于进货量', en: 'Sold more than received' },
  description: {
    zh: '某主体对同一批次/单品的销售与发货总量超过其生产与收货总量（含随托盘、箱收货的单品）。',
    en: 'A party sold and shipped more of a lot or item than it produced and received.',
  },
  severity: 'high',
  parameters: [
    {
      name: 'tolerancePercent',
      type: 'number',
      default: 0,
      min: 0,
      max: 100,
      label: { zh: '允许误差（%）', en: 'Tolerance (%)' },
    },
  ],
  appliesTo: (events) =>
    events.some((e) => e.event.bizStep !== null && sellingSteps.includes(e.event.bizStep)),
  onCapture(ctx) {
    return sql<CandidateColumns>`
      WITH pairs AS (
        SELECT m.party, m.epc, m.uom, min(e.event_id) AS event_id, min(e.owner_enterprise) AS enterprise
        FROM lineage_movements m JOIN events e ON e.id = m.event_pk
        WHERE m.event_pk = ANY (${ctx.pks}::bigint[]) AND m.kind = 'sold' AND m.party IS NOT NULL
        GROUP BY m.party, m.epc, m.uom),
      totals AS (
        SELECT p.*,
          coalesce(sum(a.quantity) FILTER (WHERE a.kind IN ('produced', 'received')), 0)
            + CASE WHEN p.uom IS NULL THEN (
                SELECT count(*) FROM lineage_links l
                JOIN lineage_movements pm ON pm.epc = l.target AND pm.party = p.party AND pm.kind IN ('produced', 'received')
                WHERE l.source = p.epc AND l.kind = 'contains') ELSE 0 END AS came,
          coalesce(sum(a.quantity) FILTER (WHERE a.kind IN ('shipped', 'sold', 'consumed', 'destroyed')), 0) AS went
        FROM pairs p
        LEFT JOIN lineage_movements a ON a.epc = p.epc AND a.party = p.party AND a.uom IS NOT DISTINCT FROM p.uom
        GROUP BY p.party, p.epc, p.uom, p.event_id, p.enterprise)
      SELECT 'oversold:' || t.party || ' ' || t.epc || ' ' || coalesce(t.uom, '') AS subject, t.enterprise, t.epc AS code,
        format('%s 销售/发货 %s%s，超过生产/收货 %s%s', t.epc, t.went, coalesce(' ' || t.uom, ''), t.came, coalesce(' ' || t.uom, '')) AS message,
        jsonb_build_object('events', jsonb_build_array(t.event_id), 'codes', jsonb_build_array(t.epc),
          'parties', jsonb_build_array(t.party), 'facts', jsonb_build_object('in', t.came, 'out', t.went, 'uom', t.uom)) AS evidence
      FROM totals t
      WHERE t.went > t.came * (1 + ${ctx.param('tolerancePercent', sql`t.enterprise`)} / 100) + 1e-9`;
  },
};

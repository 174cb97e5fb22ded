import { sql } from 'kysely';
import type { CandidateColumns, Rule } from '../model.js';

/**
 * 收货无对应上游发货: a receipt of goods that no party recorded shipping (the goods themselves, or a
 * pallet or case holding them). The shipment matches when it names the receipt's supplier as its
 * shipper or the receiver as its consignee, by the same identifier or by two identifiers of the same
 * filed enterprise (suyuan_party_directory: credit code, GLN, location). Judged by the scheduled
 * scan once the grace period has passed, because the upstream may report after the receiver (a late
 * report is its own warning).
 */
export const unmatchedReceipt: Rule = {
  id: 'unmatched-receipt',
  name: { zh: '收货无上游发货记录', en: 'Received without a matching upstream shipment' },
  description: {
    zh: '收货记录在宽限期后仍找不到任何上游对该批次/单品（或其所在托盘、箱）的发货记录。',
    en: 'A receipt for which, after the grace period, no upstream shipment of the goods (or their container) exists.',
  },
  severity: 'medium',
  parameters: [
    {
      name: 'graceHours',
      type: 'number',
      default: 24,
      min: 0,
      max: 24 * 30,
      label: { zh: '等待上游上报（小时）', en: 'Wait for the upstream (hours)' },
    },
    {
      name: 'lookbackDays',
      type: 'number',
      default: 30,
      min: 1,
      max: 365,
      label: { zh: '检查最近天数', en: 'Look back (days)' },
    },
  ],
  onSchedule(ctx) {
    const owner = sql`e.owner_enterprise`;
    const grace = ctx.param('graceHours', owner);
    // a constant lower bound, so the record_time index narrows the scan: since the last run less the
    // longest grace period allowed, or a year
    const lowest = ctx.since
      ? new Date(ctx.since.getTime() - 30 * 86_400_000)
      : new Date(ctx.now.getTime() - 365 * 86_400_000);
    return sql<CandidateColumns>`
      SELECT 'receipt:' || e.event_id AS subject, e.owner_enterprise AS enterprise, min(m.epc) AS code,
        format('收货 %s 项无上游发货记录（发货方 %s）', count(*), coalesce(min(m.counterparty), '未注明')) AS message,
        jsonb_build_object('events', jsonb_build_array(e.event_id), 'codes', jsonb_agg(DISTINCT m.epc),
          'parties', to_jsonb(array_remove(array_agg(DISTINCT m.counterparty), NULL))) AS evidence
      FROM lineage_movements m JOIN events e ON e.id = m.event_pk
      WHERE m.kind = 'received' AND e.error_declaration_time IS NULL
        AND e.record_time > ${lowest}::timestamptz
        AND e.record_time > ${ctx.now}::timestamptz - make_interval(secs => ${ctx.param('lookbackDays', owner)} * 86400)
        AND e.record_time <= ${ctx.now}::timestamptz - make_interval(secs => ${grace} * 3600)
        -- receipts whose grace period ended before the last run were judged by it
        AND (${ctx.since}::timestamptz IS NULL OR e.record_time > ${ctx.since}::timestamptz - make_interval(secs => ${grace} * 3600))
        AND NOT EXISTS (
          SELECT 1 FROM lineage_movements s
          WHERE s.epc = m.epc AND s.kind IN ('shipped', 'sold')
            AND (m.counterparty IS NULL OR s.party = m.counterparty OR s.counterparty = m.party
              -- the same enterprise named two ways (credit code, GLN, one of its locations)
              OR EXISTS (
                SELECT 1 FROM suyuan_party_directory(ARRAY[s.party, m.counterparty, s.counterparty, m.party]) d
                GROUP BY d.credit_code
                HAVING (bool_or(d.id = s.party) AND bool_or(d.id = m.counterparty))
                  OR (bool_or(d.id = s.counterparty) AND bool_or(d.id = m.party)))))
        -- a market voucher (卡单同行): the sale produced the code for this buyer
        AND NOT EXISTS (
          SELECT 1 FROM lineage_movements s
          WHERE s.epc = m.epc AND s.kind = 'produced' AND s.counterparty IS NOT NULL AND s.party = m.party)
        AND NOT EXISTS (
          SELECT 1 FROM lineage_links l JOIN lineage_movements s ON s.epc = l.target AND s.kind = 'shipped'
          WHERE l.source = m.epc AND l.kind = 'contains')
      GROUP BY e.id, e.event_id, e.owner_enterprise`;
  },
};

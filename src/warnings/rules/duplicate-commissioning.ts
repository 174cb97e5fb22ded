import { sql } from 'kysely';
import type { CandidateColumns, Rule } from '../model.js';
import { commissions } from './common.js';

/** 同一序列号重复赋码: an instance identifier commissioned by two different events. */
export const duplicateCommissioning: Rule = {
  id: 'duplicate-commissioning',
  name: { zh: '同一序列号重复赋码', en: 'Serial commissioned twice' },
  description: {
    zh: '同一个单品码（序列号）被两次赋码激活，可能是码被复制或重复使用。',
    en: 'The same serialised identifier was commissioned by two events: a copied or reused code.',
  },
  severity: 'high',
  parameters: [],
  appliesTo: (events) =>
    events.some(
      (e) =>
        e.event.bizStep === 'commissioning' ||
        (e.event.eventType === 'ObjectEvent' && e.event.action === 'ADD'),
    ),
  onCapture(ctx) {
    return sql<CandidateColumns>`
      WITH mine AS (
        SELECT x.epc, e.id, e.event_id, e.owner_enterprise
        FROM events e JOIN event_epcs x ON x.event_pk = e.id
        WHERE e.id = ANY (${ctx.pks}::bigint[]) AND ${commissions('e')} AND e.error_declaration_time IS NULL
          AND NOT x.is_class AND x.role IN ('epc', 'child', 'output'))
      SELECT DISTINCT ON (m.epc) 'commissioned:' || m.epc AS subject, m.owner_enterprise AS enterprise, m.epc AS code,
        format('码 %s 已于 %s 赋码，又被再次赋码', m.epc, to_char(o.event_time AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')) AS message,
        jsonb_build_object('events', jsonb_build_array(o.event_id, m.event_id), 'codes', jsonb_build_array(m.epc),
          'parties', to_jsonb(array_remove(ARRAY[o.owner_enterprise, m.owner_enterprise], NULL))) AS evidence
      FROM mine m
      JOIN event_epcs y ON y.epc = m.epc AND y.event_pk <> m.id AND NOT y.is_class AND y.role IN ('epc', 'child', 'output')
      JOIN events o ON o.id = y.event_pk AND ${commissions('o')} AND o.error_declaration_time IS NULL
      ORDER BY m.epc, o.event_time`;
  },
};

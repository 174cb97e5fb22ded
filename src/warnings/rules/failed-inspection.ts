import { sql } from 'kysely';
import type { CandidateColumns, Rule } from '../model.js';

/** 检验不合格: an inspection or test whose result is a failure. */
export const failedInspection: Rule = {
  id: 'failed-inspection',
  name: { zh: '检验检测不合格', en: 'Failed inspection result' },
  description: {
    zh: '事件处置状态为不合格（non_conformant），或检验结论字段为不合格；下游应中止交易。',
    en: 'An event with disposition non_conformant, or an inspection result field saying it failed.',
  },
  severity: 'high',
  parameters: [
    {
      name: 'dispositions',
      type: 'list',
      default: ['non_conformant'],
      label: { zh: '不合格处置状态', en: 'Failing dispositions' },
    },
    {
      name: 'resultFields',
      type: 'list',
      default: ['suyuan:inspectionResult', 'suyuan:testResult', 'suyuan:result', 'suyuan:conclusion'],
      label: { zh: '检验结论字段', en: 'Result fields' },
    },
    {
      name: 'failValues',
      type: 'list',
      default: ['fail', 'failed', 'unqualified', '不合格'],
      label: { zh: '不合格取值', en: 'Failing values' },
    },
  ],
  worthLooking: (events, param) => {
    const dispositions = param('dispositions') as string[];
    const fields = param('resultFields') as string[];
    const failing = param('failValues') as string[];
    return events.some(
      (e) =>
        (e.event.disposition !== null && dispositions.includes(e.event.disposition)) ||
        fields.some(
          (f) => typeof e.event.doc[f] === 'string' && failing.includes(String(e.event.doc[f]).toLowerCase()),
        ),
    );
  },
  onCapture(ctx) {
    const owner = sql`e.owner_enterprise`;
    return sql<CandidateColumns>`
      SELECT 'inspection:' || e.event_id AS subject, e.owner_enterprise AS enterprise,
        (SELECT min(x.epc) FROM event_epcs x WHERE x.event_pk = e.id) AS code,
        format('检验检测不合格（%s）', coalesce(e.disposition, e.biz_step, e.event_type)) AS message,
        jsonb_build_object('events', jsonb_build_array(e.event_id),
          'codes', coalesce((SELECT jsonb_agg(DISTINCT x.epc) FROM event_epcs x WHERE x.event_pk = e.id), '[]'::jsonb),
          'facts', jsonb_build_object('disposition', e.disposition, 'bizStep', e.biz_step)) AS evidence
      FROM events e
      WHERE e.id = ANY (${ctx.pks}::bigint[]) AND e.error_declaration_time IS NULL
        AND (e.disposition = ANY (${ctx.param('dispositions', owner)})
          OR EXISTS (SELECT 1 FROM unnest(${ctx.param('resultFields', owner)}) f
                     WHERE lower(e.doc ->> f) = ANY (${ctx.param('failValues', owner)})))`;
  },
};

import { sql } from 'kysely';
import type { CandidateColumns, Rule } from '../model.js';

/** 上报不及时: an event recorded long after it happened (record time − event time). */
export const lateReport: Rule = {
  id: 'late-report',
  name: { zh: '上报不及时', en: 'Late report' },
  description: {
    zh: '事件记录时间晚于发生时间超过规定时限（如危化品 5 天、民爆 3 天内报告）。同一批次上报合并为一条预警。',
    en: 'Events recorded longer after they happened than allowed; one warning per captured batch.',
  },
  severity: 'low',
  parameters: [
    {
      name: 'maxHours',
      type: 'number',
      default: 48,
      min: 1,
      max: 24 * 365,
      label: { zh: '上报时限（小时）', en: 'Reporting limit (hours)' },
    },
  ],
  // recorded now: late when the event time is older than the limit (five minutes' slack for clocks)
  worthLooking: (events, param) => {
    const limit = Date.now() - Number(param('maxHours')) * 3_600_000 + 300_000;
    return events.some((e) => e.event.errorDeclarationTime === null && Date.parse(e.event.eventTime) < limit);
  },
  onCapture(ctx) {
    const maxHours = ctx.param('maxHours', sql`e.owner_enterprise`);
    return sql<CandidateColumns>`
      SELECT 'late:' || min(e.event_id) AS subject, e.owner_enterprise AS enterprise, NULL::text AS code,
        format('%s 条事件上报延迟，最长 %s 小时（时限 %s 小时）', count(*),
          round(max(extract(epoch FROM e.record_time - e.event_time)) / 3600), ${maxHours}) AS message,
        jsonb_build_object('events', (array_agg(e.event_id ORDER BY e.id))[1:50],
          'facts', jsonb_build_object('count', count(*), 'limitHours', ${maxHours},
            'maxDelayHours', round(max(extract(epoch FROM e.record_time - e.event_time)) / 3600))) AS evidence
      FROM events e
      WHERE e.id = ANY (${ctx.pks}::bigint[]) AND e.error_declaration_time IS NULL
        AND extract(epoch FROM e.record_time - e.event_time) > ${maxHours} * 3600
      GROUP BY e.owner_enterprise`;
  },
};

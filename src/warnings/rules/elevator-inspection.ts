import { sql } from 'kysely';
import type { CandidateColumns, Rule } from '../model.js';
import { asDate } from './common.js';
import { assets } from './equipment.js';

/** 电梯定期检验超期: the periodic-inspection certificate has run out; the elevator must not be used. */
export const elevatorInspection: Rule = {
  id: 'elevator-inspection-overdue',
  name: { zh: '电梯定期检验超期', en: 'Elevator inspection overdue' },
  description: {
    zh: '电梯下次检验日期（最近检验记录的 suyuan:nextInspectionDate，缺省为最近检验或首次登记后若干天）已过；检验合格证过期的电梯不得使用。',
    en: 'The next inspection date of an elevator (from its last inspection, or its interval) has passed.',
  },
  severity: 'high',
  parameters: [
    {
      name: 'intervalDays',
      type: 'number',
      default: 365,
      min: 1,
      max: 3650,
      label: { zh: '检验周期（天）', en: 'Inspection interval (days)' },
    },
    {
      name: 'inspectionSteps',
      type: 'list',
      default: ['inspecting', 'urn:suyuan:bizstep:periodic_inspection'],
      label: { zh: '检验业务步骤（全国设置）', en: 'Inspection bizSteps (nationwide setting)' },
    },
    {
      name: 'elevatorSteps',
      type: 'list',
      default: ['urn:suyuan:bizstep:use_registration', 'urn:suyuan:bizstep:maintenance'],
      label: {
        zh: '识别电梯的业务步骤（全国设置）',
        en: 'bizSteps that identify elevators (nationwide setting)',
      },
    },
    {
      name: 'templates',
      type: 'list',
      default: ['elevators'],
      label: { zh: '电梯行业模板（全国设置）', en: 'Elevator templates (nationwide setting)' },
    },
  ],
  onSchedule(ctx) {
    const none = sql`NULL::text`;
    const inspection = ctx.param('inspectionSteps', none);
    const interval = ctx.param('intervalDays', sql`a.enterprise`);
    const today = sql`(${ctx.now}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`;
    return sql<CandidateColumns>`
      WITH elevators AS (${assets(ctx.param('elevatorSteps', none), undefined, ctx.param('templates', none))}),
      inspected AS (${assets(inspection)}),
      due AS (
        SELECT a.epc, a.enterprise, i.last_event, coalesce(
            ${asDate(sql`i.last_doc ->> 'suyuan:nextInspectionDate'`)},
            (coalesce(i.last_at, a.first_at) AT TIME ZONE 'Asia/Shanghai')::date + ${interval}::int) AS due
        FROM elevators a LEFT JOIN inspected i ON i.epc = a.epc -- inspections of elevators only
        WHERE NOT a.retired)
      SELECT 'inspection:' || d.epc || ' ' || d.due AS subject, d.enterprise, d.epc AS code,
        format('电梯 %s 应于 %s 前完成定期检验，已超期', d.epc, d.due) AS message,
        jsonb_build_object('events', to_jsonb(array_remove(ARRAY[d.last_event], NULL)), 'codes', jsonb_build_array(d.epc),
          'facts', jsonb_build_object('due', d.due)) AS evidence
      FROM due d WHERE d.due < ${today}`;
  },
};

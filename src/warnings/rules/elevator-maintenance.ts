import { sql } from 'kysely';
import type { CandidateColumns, Rule } from '../model.js';
import { assets } from './equipment.js';

/** 电梯维保超期: no maintenance recorded for an elevator for more than 15 days (条例 第31条). */
export const elevatorMaintenance: Rule = {
  id: 'elevator-maintenance-gap',
  name: { zh: '电梯维保超期', en: 'Elevator maintenance overdue' },
  description: {
    zh: '电梯最近一次维护保养距今超过规定天数（特种设备安全监察条例第31条：至少每15日一次）。',
    en: 'An elevator whose last maintenance is longer ago than allowed (at least every 15 days).',
  },
  severity: 'medium',
  parameters: [
    {
      name: 'maxDays',
      type: 'number',
      default: 15,
      min: 1,
      max: 365,
      label: { zh: '最长维保间隔（天）', en: 'Longest gap (days)' },
    },
    {
      name: 'maintenanceSteps',
      type: 'list',
      default: ['urn:suyuan:bizstep:maintenance'],
      label: { zh: '维保业务步骤（全国设置）', en: 'Maintenance bizSteps (nationwide setting)' },
    },
  ],
  onSchedule(ctx) {
    const steps = ctx.param('maintenanceSteps', sql`NULL::text`);
    const maxDays = ctx.param('maxDays', sql`a.enterprise`);
    return sql<CandidateColumns>`
      SELECT 'maintenance:' || a.epc || ' ' || a.last_event AS subject, a.enterprise, a.epc AS code,
        format('电梯 %s 最近一次维保在 %s，已超过 %s 天', a.epc,
          to_char(a.last_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD'), ${maxDays}) AS message,
        jsonb_build_object('events', jsonb_build_array(a.last_event), 'codes', jsonb_build_array(a.epc),
          'facts', jsonb_build_object('lastMaintenance', a.last_at, 'maxDays', ${maxDays})) AS evidence
      FROM (${assets(steps)}) a
      WHERE NOT a.retired AND a.last_at < ${ctx.now}::timestamptz - make_interval(secs => ${maxDays} * 86400)`;
  },
};

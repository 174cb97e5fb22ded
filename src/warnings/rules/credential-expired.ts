import { sql } from 'kysely';
import type { CandidateColumns, Rule } from '../model.js';

/** 证照过期: a licence or certification past its last valid day, not renewed by another of the same type. */
export const credentialExpired: Rule = {
  id: 'credential-expired',
  name: { zh: '许可证或认证过期', en: 'Licence or certification expired' },
  description: {
    zh: '企业的许可证或认证已过有效期，且没有同类型的有效证照接续（已注销备案的企业除外）。',
    en: 'A licence or certification has expired and no valid one of the same type replaced it.',
  },
  severity: 'medium',
  parameters: [
    {
      name: 'graceDays',
      type: 'number',
      default: 0,
      min: 0,
      max: 365,
      label: { zh: '宽限天数', en: 'Grace days' },
    },
  ],
  onSchedule(ctx) {
    const today = sql`(${ctx.now}::timestamptz AT TIME ZONE 'Asia/Shanghai')::date`;
    return sql<CandidateColumns>`
      SELECT 'credential:' || c.id || ' ' || c.valid_to AS subject, c.enterprise, NULL::text AS code,
        format('%s %s（编号 %s）已于 %s 到期', CASE c.kind WHEN 'licence' THEN '许可证' ELSE '认证' END, c.type, c.number, c.valid_to) AS message,
        jsonb_build_object('parties', jsonb_build_array(c.enterprise),
          'facts', jsonb_build_object('credential', c.id, 'kind', c.kind, 'type', c.type, 'number', c.number, 'validTo', c.valid_to)) AS evidence
      FROM credentials c JOIN enterprises e ON e.credit_code = c.enterprise AND e.status <> 'cancelled'
      WHERE c.valid_to IS NOT NULL
        AND c.valid_to + ${ctx.param('graceDays', sql`c.enterprise`)}::int < ${today}
        AND NOT EXISTS (
          SELECT 1 FROM credentials r
          WHERE r.enterprise = c.enterprise AND r.kind = c.kind AND r.type = c.type AND r.id <> c.id
            AND r.valid_from <= ${today} AND (r.valid_to IS NULL OR r.valid_to >= ${today}))`;
  },
};

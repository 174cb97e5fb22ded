import { sql } from 'kysely';
import type { CandidateColumns, Rule } from '../model.js';

/**
 * 扫码的码未激活、已作废或未发放: the public scanned a code that was issued but never activated by a
 * commissioning event, was voided, or is a code of this platform that was never issued (it appears
 * in events only). Drug codes: "a code never issued or never activated is a warning on scan".
 * Codes the resolver knows nothing of are refused there and never reach the scan log.
 */
export const inactiveCodeScanned: Rule = {
  id: 'inactive-code-scanned',
  name: { zh: '扫码的码未激活或未发放', en: 'Scanned code never activated or issued' },
  description: {
    zh: '公众扫到的码已发放但从未激活（没有赋码事件）、已作废，或是本平台格式但从未发放（疑似伪造）。',
    en: 'A publicly scanned code that was issued but never activated, voided, or never issued by this platform.',
  },
  severity: 'high',
  parameters: [
    {
      name: 'states',
      type: 'list',
      default: ['issued', 'void'],
      label: { zh: '预警的码状态', en: 'Code states that warn' },
    },
  ],
  onSchedule(ctx) {
    return sql<CandidateColumns>`
      WITH scanned AS (
        SELECT s.uri, sum(s.scans) AS scans, max(s.scanned_at) AS last_scan
        FROM code_scans s
        WHERE s.scanned_at <= ${ctx.now}::timestamptz
          AND s.scanned_at > coalesce(${ctx.since}::timestamptz, ${ctx.now}::timestamptz - interval '7 days')
        GROUP BY s.uri)
      SELECT 'code-scan:' || x.uri || ' ' || coalesce(c.state, 'unissued') AS subject, c.owner AS enterprise, x.uri AS code,
        CASE WHEN c.uri IS NULL THEN format('码 %s 被公众扫描 %s 次，但本平台从未发放该码', x.uri, x.scans)
          WHEN c.state = 'void' THEN format('码 %s 已作废，仍被公众扫描 %s 次', x.uri, x.scans)
          ELSE format('码 %s 未激活（无赋码事件），已被公众扫描 %s 次', x.uri, x.scans) END AS message,
        jsonb_build_object('codes', jsonb_build_array(x.uri),
          'facts', jsonb_build_object('state', coalesce(c.state, 'unissued'), 'scans', x.scans, 'lastScan', x.last_scan)) AS evidence
      FROM scanned x LEFT JOIN codes c ON c.uri = x.uri
      WHERE (c.uri IS NULL AND x.uri LIKE 'urn:suyuan:code:%')
        OR c.state = ANY (${ctx.param('states', sql`c.owner`)})`;
  },
};

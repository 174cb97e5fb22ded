import { sql } from 'kysely';
import type { CandidateColumns, Rule } from '../model.js';

/**
 * 扫码异常: a code scanned by the public many times, or in far-apart places (provinces, from the
 * GB/T 2260 region the scan reported) within a window — counterfeit copies or diverted goods (窜货).
 */
export const publicScans: Rule = {
  id: 'public-scans',
  name: { zh: '公众扫码异常', en: 'Unusual public scans' },
  description: {
    zh: '同一个码在时间窗口内被公众查询次数过多，或在多个省份被查询（疑似假冒或窜货）。',
    en: 'One code scanned by the public too often, or in several provinces, within the window.',
  },
  severity: 'medium',
  parameters: [
    {
      name: 'windowHours',
      type: 'number',
      default: 24,
      min: 1,
      max: 168,
      label: { zh: '时间窗口（小时）', en: 'Window (hours)' },
    },
    {
      name: 'maxScans',
      type: 'number',
      default: 20,
      min: 1,
      max: 1_000_000,
      label: { zh: '窗口内最多扫码次数', en: 'Most scans in the window' },
    },
    {
      name: 'maxProvinces',
      type: 'number',
      default: 1,
      min: 1,
      max: 34,
      label: { zh: '窗口内最多省份数', en: 'Most provinces in the window' },
    },
  ],
  onSchedule(ctx) {
    const owner = sql`c.owner`;
    return sql<CandidateColumns>`
      WITH recent AS (
        SELECT s.uri, c.owner AS enterprise, sum(s.scans) AS scans,
          count(DISTINCT left(s.place, 2)) FILTER (WHERE s.place ~ '^[0-9]{6}$') AS provinces,
          array_agg(DISTINCT s.place) FILTER (WHERE s.place IS NOT NULL) AS places,
          ${ctx.param('maxScans', owner)} AS max_scans, ${ctx.param('maxProvinces', owner)} AS max_provinces
        FROM code_scans s LEFT JOIN codes c ON c.uri = s.uri
        WHERE s.scanned_at > ${ctx.now}::timestamptz - interval '168 hours' AND s.scanned_at <= ${ctx.now}::timestamptz
          AND s.scanned_at > ${ctx.now}::timestamptz - make_interval(secs => ${ctx.param('windowHours', owner)} * 3600)
          -- only codes scanned since the last run can have changed
          AND (${ctx.since}::timestamptz IS NULL OR s.uri IN (
            SELECT n.uri FROM code_scans n WHERE n.scanned_at > ${ctx.since}::timestamptz AND n.scanned_at <= ${ctx.now}::timestamptz))
        GROUP BY s.uri, c.owner)
      SELECT 'scans:' || r.uri AS subject, r.enterprise, r.uri AS code,
        format('码 %s 在窗口内被查询 %s 次，涉及 %s 个省份', r.uri, r.scans, r.provinces) AS message,
        jsonb_build_object('codes', jsonb_build_array(r.uri),
          'facts', jsonb_build_object('scans', r.scans, 'provinces', r.provinces, 'places', to_jsonb(r.places),
            'maxScans', r.max_scans, 'maxProvinces', r.max_provinces)) AS evidence
      FROM recent r
      WHERE r.scans > r.max_scans OR r.provinces > r.max_provinces`;
  },
};

import { sql } from 'kysely';
import type { CandidateColumns, Rule } from '../model.js';

const temperatureTypes = ['gs1:Temperature', 'Temperature', 'https://gs1.org/voc/Temperature'];

/** 冷链温度超限: a temperature sensor report outside the allowed range. */
export const coldChain: Rule = {
  id: 'cold-chain-temperature',
  name: { zh: '冷链温度超限', en: 'Cold-chain temperature out of range' },
  description: {
    zh: '事件的温度传感器读数（值、最小、最大、平均）超出允许范围；按地区和行业设置范围（如疫苗 2–8°C）。',
    en: 'A temperature reading of the event (value, min, max or mean) lies outside the allowed range.',
  },
  severity: 'high',
  parameters: [
    {
      name: 'minCelsius',
      type: 'number',
      default: -25,
      min: -100,
      max: 100,
      label: { zh: '最低温度（°C）', en: 'Lowest (°C)' },
    },
    {
      name: 'maxCelsius',
      type: 'number',
      default: 8,
      min: -100,
      max: 100,
      label: { zh: '最高温度（°C）', en: 'Highest (°C)' },
    },
  ],
  appliesTo: (events) =>
    events.some((e) =>
      e.event.sensorReports.some((s) => s.type !== null && temperatureTypes.includes(s.type)),
    ),
  worthLooking: (events, param) => {
    const [lo, hi] = [Number(param('minCelsius')), Number(param('maxCelsius'))];
    return events.some((e) =>
      e.event.sensorReports.some((s) => {
        if (s.type === null || !temperatureTypes.includes(s.type)) return false;
        return [s.value, s.minValue, s.maxValue, s.meanValue].some((v) => {
          if (v === null) return false;
          const c = s.uom === 'FAH' ? ((v - 32) * 5) / 9 : s.uom === 'KEL' ? v - 273.15 : v;
          return c < lo || c > hi;
        });
      }),
    );
  },
  onCapture(ctx) {
    const lo = ctx.param('minCelsius', sql`e.owner_enterprise`);
    const hi = ctx.param('maxCelsius', sql`e.owner_enterprise`);
    return sql<CandidateColumns>`
      SELECT 'temperature:' || e.event_id AS subject, e.owner_enterprise AS enterprise,
        (SELECT min(x.epc) FROM event_epcs x WHERE x.event_pk = e.id) AS code,
        format('温度 %s–%s°C 超出允许范围 %s–%s°C', round(r.lo::numeric, 1), round(r.hi::numeric, 1), ${lo}, ${hi}) AS message,
        jsonb_build_object('events', jsonb_build_array(e.event_id),
          'codes', coalesce((SELECT jsonb_agg(DISTINCT x.epc) FROM event_epcs x WHERE x.event_pk = e.id), '[]'::jsonb),
          'facts', jsonb_build_object('lowest', r.lo, 'highest', r.hi, 'minCelsius', ${lo}, 'maxCelsius', ${hi})) AS evidence
      FROM events e
      CROSS JOIN LATERAL (
        SELECT min(c) AS lo, max(c) AS hi FROM (
          SELECT CASE s.uom WHEN 'FAH' THEN (v - 32) * 5 / 9 WHEN 'KEL' THEN v - 273.15 ELSE v END AS c
          FROM event_sensor_reports s
          CROSS JOIN LATERAL unnest(ARRAY[s.value, s.min_value, s.max_value, s.mean_value]) AS v
          WHERE s.event_pk = e.id AND s.type = ANY (${temperatureTypes}::text[]) AND v IS NOT NULL) t) r
      WHERE e.id = ANY (${ctx.pks}::bigint[]) AND e.error_declaration_time IS NULL
        AND (r.lo < ${lo} OR r.hi > ${hi})`;
  },
};

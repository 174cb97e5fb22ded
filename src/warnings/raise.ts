import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../db/types.js';
import type { CandidateColumns, Rule } from './model.js';

/**
 * Inserts the rule's candidates as warnings, in one statement: each gets the region and industries
 * of its enterprise (the regulators who see it), the rule's severity for that enterprise, and is
 * skipped when the rule is disabled there, when a warning about the same subject is open (new or
 * acknowledged), or when one was dismissed. The first history entry records the raising.
 * Returns the number of warnings raised. Capture knows the one enterprise concerned (the capturer)
 * and passes its severity, having checked that the rule is enabled for it: no lookup per row.
 */
export async function raise(
  db: Kysely<DB>,
  rule: Rule,
  candidates: RawBuilder<CandidateColumns>,
  source: 'capture' | 'schedule',
  severity?: string,
): Promise<number> {
  const severityOf = severity
    ? sql`${severity}::text`
    : sql`coalesce(warning_setting(${rule.id}, 'severity', x.enterprise) #>> '{}', ${rule.severity})`;
  const enabled = severity
    ? sql`true`
    : sql`coalesce((warning_setting(${rule.id}, 'enabled', x.enterprise) #>> '{}')::boolean, true)`;
  const { rows } = await sql<{ raised: string }>`
    WITH c AS (${candidates}),
    x AS (
      SELECT DISTINCT ON (c.subject) c.subject, c.enterprise, c.code, c.message, c.evidence,
        coalesce(e.region, CASE WHEN c.enterprise ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}' THEN substr(c.enterprise, 3, 6) END) AS region,
        coalesce(e.industries, '{}') AS industries
      FROM c LEFT JOIN enterprises e ON e.credit_code = c.enterprise
      ORDER BY c.subject),
    ins AS (
      INSERT INTO warnings (rule, severity, subject, enterprise, region, industries, code, message, evidence, source)
      SELECT ${rule.id}, ${severityOf},
        x.subject, x.enterprise, x.region, x.industries, x.code, x.message, x.evidence::jsonb, ${source}
      FROM x
      WHERE ${enabled}
        AND NOT EXISTS (SELECT 1 FROM warnings w WHERE w.rule = ${rule.id} AND w.subject = x.subject AND w.status = 'dismissed')
      ON CONFLICT (rule, subject) WHERE status IN ('new', 'acknowledged') DO NOTHING
      RETURNING id),
    history AS (
      INSERT INTO warning_history (warning_id, from_status, to_status, reason, changed_by)
      SELECT id, NULL, 'new', ${`raised by rule ${rule.id} (${source})`}, 'system'
      FROM ins)
    SELECT count(*) AS raised FROM ins`.execute(db);
  return Number(rows[0]?.raised ?? 0);
}

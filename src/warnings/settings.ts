import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../db/types.js';
import type { Parameter, Rule } from './model.js';

// A rule's settings for one enterprise: the most specific row of warning_rule_settings that has the
// key — longest region prefix first, then an industry row before an all-industries row — else the
// rule's default. SQL function warning_setting (migration 0025) does the same for scheduled scans,
// where every row may concern another enterprise; capture resolves once per batch, in TypeScript.

export interface SettingRow {
  rule: string;
  region: string;
  industry: string;
  settings: Record<string, unknown>;
}

export function parameterOf(rule: Rule, name: string): Parameter {
  const p = rule.parameters.find((x) => x.name === name);
  if (!p) throw new Error(`rule ${rule.id} has no parameter ${name}`);
  return p;
}

/** The value as SQL of the parameter's type. */
export function literal(p: Parameter, value: unknown): RawBuilder<unknown> {
  switch (p.type) {
    case 'number':
      return sql`${Number(value)}::float8`;
    case 'boolean':
      return sql`${Boolean(value)}::boolean`;
    case 'text':
      return sql`${String(value)}::text`;
    case 'list':
      return sql`${(value as unknown[]).map(String)}::text[]`;
  }
}

/** The parameter for the enterprise named by an SQL expression, resolved by the database per row. */
export function sqlParam(rule: Rule, name: string, enterprise: RawBuilder<unknown>): RawBuilder<unknown> {
  const p = parameterOf(rule, name);
  const raw = sql`warning_setting(${rule.id}, ${name}, ${enterprise})`;
  const fallback = literal(p, p.default);
  switch (p.type) {
    case 'number':
      return sql`coalesce((${raw} #>> '{}')::float8, ${fallback})`;
    case 'boolean':
      return sql`coalesce((${raw} #>> '{}')::boolean, ${fallback})`;
    case 'text':
      return sql`coalesce(${raw} #>> '{}', ${fallback})`;
    case 'list':
      return sql`(CASE WHEN ${raw} IS NULL THEN ${fallback}
        ELSE ARRAY(SELECT jsonb_array_elements_text(${raw})) END)`;
  }
}

/** Most specific first (the order of warning_setting). */
export function bySpecificity(a: SettingRow, b: SettingRow): number {
  if (a.region.length !== b.region.length) return b.region.length - a.region.length;
  if ((a.industry === '') !== (b.industry === '')) return a.industry === '' ? 1 : -1;
  return a.industry < b.industry ? -1 : a.industry > b.industry ? 1 : 0;
}

export function applies(row: SettingRow, region: string, industries: readonly string[]): boolean {
  return (
    (row.region === '' || region.startsWith(row.region)) &&
    (row.industry === '' || industries.includes(row.industry))
  );
}

/** Resolves settings for one enterprise (or none: defaults and nationwide rows only). */
export class SettingsResolver {
  private constructor(private readonly rows: SettingRow[]) {}

  static async forEnterprise(db: Kysely<DB>, enterprise: string | null): Promise<SettingsResolver> {
    // one round trip: the enterprise's region and industries, and the rows that may apply to them
    const { rows } = await sql<SettingRow & { scope_region: string; scope_industries: string[] }>`
      WITH scope AS (
        SELECT coalesce(e.region, substr(${enterprise}::text, 3, 6), '') AS region, coalesce(e.industries, '{}') AS industries
        FROM (SELECT 1) one LEFT JOIN enterprises e ON e.credit_code = ${enterprise}::text)
      SELECT s.rule, s.region, s.industry, s.settings, scope.region AS scope_region, scope.industries AS scope_industries
      FROM scope LEFT JOIN warning_rule_settings s
        ON (s.region = '' OR scope.region LIKE s.region || '%') AND (s.industry = '' OR s.industry = ANY (scope.industries))`.execute(
      db,
    );
    const region = rows[0]?.scope_region ?? '';
    const industries = rows[0]?.scope_industries ?? [];
    const found = rows
      .filter((r) => r.rule !== null)
      .map(({ rule, region: r, industry, settings }) => ({ rule, region: r, industry, settings }));
    return new SettingsResolver(found.filter((r) => applies(r, region, industries)).sort(bySpecificity));
  }

  get(rule: string, key: string): unknown {
    return this.rows.find((r) => r.rule === rule && key in r.settings)?.settings[key];
  }

  value(rule: Rule, name: string): unknown {
    return this.get(rule.id, name) ?? parameterOf(rule, name).default;
  }

  param(rule: Rule, name: string): RawBuilder<unknown> {
    return literal(parameterOf(rule, name), this.value(rule, name));
  }

  severity(rule: Rule): string {
    const given = this.get(rule.id, 'severity');
    return typeof given === 'string' ? given : rule.severity;
  }

  enabled(rule: Rule): boolean {
    return this.get(rule.id, 'enabled') !== false;
  }
}

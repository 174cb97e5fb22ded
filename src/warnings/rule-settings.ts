import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { DB } from '../db/types.js';
import { DomainError, type FieldError } from '../http/errors.js';
import { warningsDb } from './db.js';
import type { Parameter, Rule } from './model.js';
import { ruleById, rules } from './rules/index.js';
import type { RuleScopeQuery, RuleSettingBody } from './schema.js';
import { applies, bySpecificity, type SettingRow } from './settings.js';

// Rule parameters (/api/rules): every signed-in caller reads them; a regulator sets them for its
// region (and industries), an administrator anywhere. A setting row holds only what differs.

function ruleOrNotFound(id: string): Rule {
  const rule = ruleById(id);
  if (!rule) throw new DomainError('NOT_FOUND', `No rule ${id}`);
  return rule;
}

function ruleView(rule: Rule) {
  return {
    id: rule.id,
    name: rule.name,
    description: rule.description,
    severity: rule.severity,
    triggers: [...(rule.onCapture ? ['capture'] : []), ...(rule.onSchedule ? ['schedule'] : [])],
    parameters: rule.parameters.map((p) => ({ ...p })),
  };
}

function settingView(r: SettingRow & { updated_by?: string; updated_at?: Date }) {
  return {
    region: r.region,
    industry: r.industry,
    settings: r.settings,
    ...(r.updated_by ? { updatedBy: r.updated_by } : {}),
    ...(r.updated_at ? { updatedAt: new Date(r.updated_at).toISOString() } : {}),
  };
}

async function settingRows(trx: Kysely<DB>, rule?: string) {
  let query = warningsDb(trx)
    .selectFrom('warning_rule_settings')
    .selectAll()
    .orderBy('rule')
    .orderBy('region')
    .orderBy('industry');
  if (rule) query = query.where('rule', '=', rule);
  return query.execute();
}

export async function listRules(trx: Kysely<DB>) {
  const rows = await settingRows(trx);
  return {
    items: rules.map((rule) => ({
      ...ruleView(rule),
      settings: rows.filter((r) => r.rule === rule.id).map(settingView),
    })),
  };
}

/** One rule, its setting rows, and what applies to the region and industry asked about. */
export async function getRule(trx: Kysely<DB>, id: string, scope: RuleScopeQuery) {
  const rule = ruleOrNotFound(id);
  const rows = await settingRows(trx, id);
  const region = scope.region ?? '';
  const industry = scope.industry ?? '';
  const matching = rows.filter((r) => applies(r, region, industry ? [industry] : [])).sort(bySpecificity);
  const effective = (key: string, fallback: unknown) =>
    matching.find((r) => key in r.settings)?.settings[key] ?? fallback;
  return {
    ...ruleView(rule),
    settings: rows.map(settingView),
    effective: {
      region,
      industry,
      enabled: effective('enabled', true),
      severity: effective('severity', rule.severity),
      parameters: Object.fromEntries(rule.parameters.map((p) => [p.name, effective(p.name, p.default)])),
    },
  };
}

function checkValue(p: Parameter, value: unknown): string | undefined {
  switch (p.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (p.min !== undefined && value < p.min) return `must be at least ${p.min}`;
      if (p.max !== undefined && value > p.max) return `must be at most ${p.max}`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'text':
      return typeof value === 'string' && value.length <= 500 ? undefined : 'must be text (≤ 500 characters)';
    case 'list':
      return Array.isArray(value) &&
        value.length <= 100 &&
        value.every((v) => typeof v === 'string' && v.length <= 500)
        ? undefined
        : 'must be a list of up to 100 texts';
  }
}

function mayConfigure(principal: Principal, region: string, industry: string): boolean {
  if (principal.scopes.has('admin')) return true;
  if (principal.role !== 'regulator') return false;
  const scope = principal.regionScope ?? '';
  const industries = principal.industries ?? [];
  return region.startsWith(scope) && (industries.length === 0 || industries.includes(industry));
}

/** Sets (replaces) the rule's settings for one region and industry. */
export async function putRuleSetting(
  trx: Kysely<DB>,
  principal: Principal,
  id: string,
  body: RuleSettingBody,
) {
  const rule = ruleOrNotFound(id);
  const region = body.region ?? '';
  const industry = body.industry ?? '';
  if (!mayConfigure(principal, region, industry)) {
    throw new DomainError(
      'FORBIDDEN',
      'Regulators set rules within their region and industries; administrators anywhere',
    );
  }
  const errors: FieldError[] = [];
  const parameters = body.parameters ?? {};
  for (const [name, value] of Object.entries(parameters)) {
    const p = rule.parameters.find((x) => x.name === name);
    const problem = p ? checkValue(p, value) : `rule ${rule.id} has no parameter ${name}`;
    if (problem) errors.push({ pointer: `/parameters/${name}`, message: problem });
  }
  if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', 'Invalid rule parameters', errors);
  const settings = {
    ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
    ...(body.severity ? { severity: body.severity } : {}),
    ...parameters,
  };
  const json = JSON.stringify(settings);
  await warningsDb(trx)
    .insertInto('warning_rule_settings')
    .values({ rule: rule.id, region, industry, settings: json, updated_by: principal.id })
    .onConflict((oc) =>
      oc
        .columns(['rule', 'region', 'industry'])
        .doUpdateSet({ settings: json, updated_by: principal.id, updated_at: new Date() }),
    )
    .execute();
  return getRule(trx, rule.id, { region, industry });
}

export async function deleteRuleSetting(
  trx: Kysely<DB>,
  principal: Principal,
  id: string,
  scope: RuleScopeQuery,
) {
  const rule = ruleOrNotFound(id);
  const region = scope.region ?? '';
  const industry = scope.industry ?? '';
  if (!mayConfigure(principal, region, industry)) {
    throw new DomainError(
      'FORBIDDEN',
      'Regulators set rules within their region and industries; administrators anywhere',
    );
  }
  const deleted = await warningsDb(trx)
    .deleteFrom('warning_rule_settings')
    .where('rule', '=', rule.id)
    .where('region', '=', region)
    .where('industry', '=', industry)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) throw new DomainError('NOT_FOUND', 'No such setting');
}

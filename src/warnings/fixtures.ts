import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { TestContext } from '../../test/app.js';
import { fileEnterprise, type TestEnterprise } from '../parties/test-factories.js';
import { capture } from '../trace/fixtures.js';
import { type Warning, warningsDb } from './db.js';
import { runScan } from './scan.js';

// Helpers for the warnings tests: enterprises that capture with their own keys, and reads of the
// warnings table as the owner (what a rule raised, whoever may see it).

type Json = Record<string, unknown>;

export const hoursAgo = (hours: number, from = Date.now()) =>
  new Date(from - hours * 3_600_000).toISOString();
export const daysAgo = (days: number, from = Date.now()) => hoursAgo(days * 24, from);

export async function enterprise(
  ctx: TestContext,
  overrides: Record<string, unknown> = {},
): Promise<TestEnterprise> {
  return fileEnterprise(ctx, overrides);
}

export const partyOf = (code: string) => `urn:suyuan:party:${code}`;

/** Captures through POST /epcis/capture as the enterprise (its key), and runs the worker. */
export async function captureAs(ctx: TestContext, who: TestEnterprise, events: Json[]): Promise<void> {
  await capture({ app: ctx.app, auth: who.auth }, events);
}

export async function warningsFor(
  ctx: TestContext,
  rule: string,
  where: { enterprise?: string; code?: string } = {},
) {
  let query = warningsDb(ctx.database.db).selectFrom('warnings').selectAll().where('rule', '=', rule);
  if (where.enterprise) query = query.where('enterprise', '=', where.enterprise);
  if (where.code) query = query.where('code', '=', where.code);
  return (await query.orderBy('id').execute()) as Warning[];
}

/** Runs the scheduled rules once, judging at `now`, as a job of its own. */
export async function scan(ctx: TestContext, now = new Date()) {
  return runScan(ctx.database, `test-${randomUUID()}`, new AbortController().signal, now);
}

/** Sets a rule for a region and industry directly (what PUT /api/rules/{id}/settings stores). */
export async function setRule(ctx: TestContext, rule: string, settings: Json, region = '', industry = '') {
  await sql`INSERT INTO warning_rule_settings (rule, region, industry, settings, updated_by)
    VALUES (${rule}, ${region}, ${industry}, ${JSON.stringify(settings)}::jsonb, 'test')
    ON CONFLICT (rule, region, industry) DO UPDATE SET settings = excluded.settings`.execute(ctx.database.db);
}

import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.js';
import type { CaptureListener } from '../epcis/capture/checks.js';
import { raise } from './raise.js';
import { rules } from './rules/index.js';
import { SettingsResolver } from './settings.js';

/**
 * The capture listener (src/epcis/capture/checks.ts): runs the capture rules over the batch just
 * stored, in the capture transaction, one set-based statement per rule that can matter for the
 * batch. It runs as the owner role like every capture channel (events have no insert policy for
 * requests), so rules see every enterprise's events. Parameters are resolved once for the
 * capturing enterprise. A failing rule never refuses a capture nor keeps the other rules from
 * raising theirs: each rule runs behind a savepoint of its own, rolled back (and the error
 * reported) when it fails.
 */
export const raiseCaptureWarnings: CaptureListener = async (events, context) => {
  const applicable = rules.filter((r) => r.onCapture && (!r.appliesTo || r.appliesTo(events)));
  if (applicable.length === 0) return;
  const { trx } = context;
  const settings = await guarded(trx, 'settings', () =>
    SettingsResolver.forEnterprise(trx, context.capturer.enterprise),
  );
  if (!settings.ok) return;
  const resolver = settings.value;
  const pks = events.map((e) => e.pk);
  const now = new Date();
  for (const rule of applicable) {
    if (!resolver.enabled(rule)) continue;
    if (rule.worthLooking && !rule.worthLooking(events, (name) => resolver.value(rule, name))) continue;
    await guarded(trx, rule.id, async () => {
      const select = rule.onCapture?.({
        trx,
        now,
        since: null,
        events,
        pks,
        enterprise: context.capturer.enterprise,
        param: (name) => resolver.param(rule, name),
      });
      if (select) await raise(trx, rule, select, 'capture', resolver.severity(rule));
    });
  }
};

/** Runs `work` behind a savepoint: on an error, rolls back to it, reports the error and goes on. */
async function guarded<T>(
  trx: Kysely<DB>,
  what: string,
  work: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false }> {
  await sql`SAVEPOINT suyuan_warnings`.execute(trx);
  try {
    const value = await work();
    await sql`RELEASE SAVEPOINT suyuan_warnings`.execute(trx);
    return { ok: true, value };
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT suyuan_warnings`.execute(trx);
    await sql`RELEASE SAVEPOINT suyuan_warnings`.execute(trx);
    process.emitWarning(
      `warning rule ${what} failed at capture, its warnings not raised: ${(error as Error).message}`,
    );
    return { ok: false };
  }
}

import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import { enterprise, setRule } from './fixtures.js';
import { ruleById } from './rules/index.js';
import { SettingsResolver } from './settings.js';

// Capture resolves rule settings in TypeScript, the scan in SQL (warning_setting): the same answer.

describe.each(backends())('rule settings per region and industry [%s]', (backend) => {
  const ctx = useApp(backend);

  it('takes the most specific setting, and capture and scan agree', async () => {
    const rule = ruleById('public-scans');
    if (!rule) throw new Error('no rule');
    // regions no other test uses (test files share the PostgreSQL database)
    await setRule(ctx, 'public-scans', { maxScans: 60, windowHours: 12 }, '65');
    await setRule(ctx, 'public-scans', { maxScans: 40 }, '6501', 'food');
    await setRule(ctx, 'public-scans', { windowHours: 6 }, '650103');
    const cases: [Record<string, unknown>, number, number][] = [
      [{ region: '650102', industries: ['food'] }, 40, 12],
      [{ region: '650102', industries: ['drug'] }, 60, 12],
      [{ region: '650103', industries: ['food'] }, 40, 6],
      [{ region: '530102', industries: ['food'] }, 20, 24],
    ];
    for (const [overrides, maxScans, windowHours] of cases) {
      const firm = await enterprise(ctx, overrides);
      const resolver = await SettingsResolver.forEnterprise(ctx.database.db, firm.code);
      expect([resolver.value(rule, 'maxScans'), resolver.value(rule, 'windowHours')]).toEqual([
        maxScans,
        windowHours,
      ]);
      const { rows } = await sql<{ max: number; window: number }>`
        SELECT coalesce((warning_setting('public-scans', 'maxScans', ${firm.code}) #>> '{}')::float8, 20) AS max,
          coalesce((warning_setting('public-scans', 'windowHours', ${firm.code}) #>> '{}')::float8, 24) AS window`.execute(
        ctx.database.db,
      );
      expect([rows[0]?.max, rows[0]?.window]).toEqual([maxScans, windowHours]);
    }
    await sql`DELETE FROM warning_rule_settings WHERE rule = 'public-scans' AND region LIKE '65%'`.execute(
      ctx.database.db,
    );
  });
});

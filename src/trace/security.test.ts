import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useApp } from '../../test/app.js';
import { backends } from '../../test/database.js';
import type { Principal } from '../auth/principal.js';
import { asPrincipal } from '../db/scoped.js';
import { capture, chainIds, move, party } from './fixtures.js';

describe.each(backends())('lineage and scans under row-level security [%s]', (backend) => {
  const ctx = useApp(backend);
  const principal: Principal = {
    id: 'apikey:probe',
    kind: 'apikey',
    scopes: new Set(['query']),
    enterprise: '91460100MA5T0DDD4W',
  };

  it('shows a request none of the derived rows, while the trace still answers through the owner role', async () => {
    const lot = chainIds().lot('x');
    await capture(ctx, [move('commissioning', [{ epc: lot, quantity: 5 }], { destination: party(71) })]);
    const asOwner = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM lineage_movements WHERE epc = ${lot}`.execute(ctx.database.db);
    expect(Number(asOwner.rows[0]?.n)).toBe(1);
    const seen = await asPrincipal(ctx.database, principal, async (trx) => {
      const tables = [
        'lineage_links',
        'lineage_unpacks',
        'lineage_movements',
        'code_scans',
        'code_scan_totals',
      ];
      const counts: Record<string, number> = {};
      for (const table of tables) {
        const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(trx);
        counts[table] = Number(rows[0]?.n);
      }
      return counts;
    });
    expect(seen).toEqual({
      lineage_links: 0,
      lineage_unpacks: 0,
      lineage_movements: 0,
      code_scans: 0,
      code_scan_totals: 0,
    });
    const write = asPrincipal(ctx.database, principal, (trx) =>
      sql`INSERT INTO lineage_movements (event_pk, epc, kind, at) VALUES (1, 'x', 'produced', now())`.execute(
        trx,
      ),
    );
    await expect(write).rejects.toThrow(/row-level security/);
    const trace = await ctx.app.inject({ url: `/api/trace/${encodeURIComponent(lot)}` });
    expect(trace.statusCode).toBe(200);
    expect(trace.json().objects.map((o: { uri: string }) => o.uri)).toContain(lot);
  });
});

import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { backends, useDatabase } from '../../test/database.js';
import { ScanLog } from './scans.js';

const silent = { error: () => undefined } as unknown as ConstructorParameters<typeof ScanLog>[1];

describe.each(backends())('scan log [%s]', (backend) => {
  const ctx = useDatabase(backend);

  it('writes one row per code, channel, place and minute with its count, and the totals', async () => {
    const uri = `urn:suyuan:code:SCANTEST${randomInt(1e9)}`;
    const written: number[] = [];
    const log = new ScanLog(ctx.current.db, silent, (_uri, n) => written.push(n), { flushMs: 60_000 });
    const at = (s: number) => new Date(Date.UTC(2026, 10, 24, 8, 0, s));
    for (let s = 0; s < 50; s++) log.record({ uri, at: at(s), channel: 'web', place: '460100' });
    log.record({ uri, at: at(30), channel: 'app', place: '460100' });
    log.record({ uri, at: at(70), channel: 'web', place: '460100' }); // the next minute
    log.record({ uri, at: at(5), channel: 'web', place: null });
    expect(log.pendingFor(uri)).toBe(53);
    await log.flush();
    expect(log.pendingFor(uri)).toBe(0);
    expect(written).toEqual([53]);
    const { rows } = await sql<{ scanned_at: Date; channel: string; place: string | null; scans: number }>`
      SELECT scanned_at, channel, place, scans FROM code_scans WHERE uri = ${uri}
      ORDER BY scanned_at, channel, place NULLS FIRST`.execute(ctx.current.db);
    expect(rows.map((r) => [r.scanned_at.toISOString(), r.channel, r.place, r.scans])).toEqual([
      [at(0).toISOString(), 'web', '460100', 50],
      [at(5).toISOString(), 'web', null, 1],
      [at(30).toISOString(), 'app', '460100', 1],
      [at(70).toISOString(), 'web', '460100', 1],
    ]);
    const totals = await sql<{ scans: string; first_scan: Date; last_scan: Date }>`
      SELECT scans, first_scan, last_scan FROM code_scan_totals WHERE uri = ${uri}`.execute(ctx.current.db);
    expect(totals.rows[0]).toMatchObject({ scans: '53', first_scan: at(0), last_scan: at(70) });
  });

  it('adds to the totals of earlier flushes, keeping the first scan', async () => {
    const uri = `urn:suyuan:code:SCANTEST${randomInt(1e9)}`;
    const log = new ScanLog(ctx.current.db, silent, undefined, { flushMs: 60_000 });
    log.record({ uri, at: new Date('2026-11-24T08:00:00Z'), channel: 'web', place: null });
    await log.flush();
    log.record({ uri, at: new Date('2026-11-24T07:00:00Z'), channel: 'web', place: null }); // reported late
    log.record({ uri, at: new Date('2026-11-24T09:00:00Z'), channel: 'web', place: null });
    await log.flush();
    const totals = await sql<{ scans: string; first_scan: Date; last_scan: Date }>`
      SELECT scans, first_scan, last_scan FROM code_scan_totals WHERE uri = ${uri}`.execute(ctx.current.db);
    expect(totals.rows[0]).toMatchObject({
      scans: '3',
      first_scan: new Date('2026-11-24T07:00:00Z'),
      last_scan: new Date('2026-11-24T09:00:00Z'),
    });
  });

  it('flushes by itself once enough distinct buckets wait', async () => {
    const prefix = `urn:suyuan:code:SCANTEST${randomInt(1e9)}-`;
    const log = new ScanLog(ctx.current.db, silent, undefined, { flushMs: 60_000, maxBuckets: 10 });
    for (let i = 0; i < 10; i++)
      log.record({ uri: `${prefix}${i}`, at: new Date(), channel: 'web', place: null });
    await expect
      .poll(async () => {
        const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM code_scans
          WHERE uri LIKE ${`${prefix}%`}`.execute(ctx.current.db);
        return Number(rows[0]?.n);
      })
      .toBe(10);
  });
});

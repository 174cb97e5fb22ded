import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../test/app.js';
import { backends, unique, useDatabase } from '../../test/database.js';
import { buildApp } from '../app.js';
import { createApiKey } from '../auth/api-keys.js';
import type { Database } from '../db/database.js';
import { addDays, todayInChina } from '../parties/common.js';
import { enterpriseBody } from '../parties/test-factories.js';
import { scanHooks, scanQueue } from './scan.js';

// The scheduled scan as a durable pg-boss job (real pg-boss on the test database): a stop in the
// middle of a run leaves the job to be retried by the next process, which completes it exactly once.

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, seconds = 30): Promise<T> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(backends())('the scheduled warnings scan [%s]', (backend) => {
  const db = useDatabase(backend);
  const apps: FastifyInstance[] = [];
  const start = async () => {
    const app = await buildApp(testConfig(), { database: db.current, worker: true });
    await app.ready();
    apps.push(app);
    return app;
  };
  afterEach(async () => {
    scanHooks.beforeCommit = undefined;
    for (const app of apps.splice(0)) await app.close();
  });

  /** Something for two scheduled rules to find: an expired licence, and a code scanned in two provinces. */
  async function trouble(app: FastifyInstance, database: Database) {
    const body = enterpriseBody();
    const code = String(body.creditCode);
    const key = await createApiKey(database.db, 'scan test', ['capture', 'query'], code);
    const headers = { authorization: `Bearer ${key.key}` };
    expect(
      (await app.inject({ method: 'POST', url: '/api/enterprises', headers, payload: body })).statusCode,
    ).toBe(201);
    const licence = await app.inject({
      method: 'POST',
      url: `/api/enterprises/${code}/licences`,
      headers,
      payload: {
        type: 'food-business',
        number: `JY${unique()}`,
        issuer: '海口市市场监督管理局',
        validFrom: '2020-01-01',
        validTo: addDays(todayInChina(), -2),
      },
    });
    expect(licence.statusCode, licence.body).toBe(201);
    const uri = `urn:suyuan:code:SCAN${unique().toUpperCase()}`;
    await sql`INSERT INTO code_scans (uri, scanned_at, channel, place)
      VALUES (${uri}, now(), 'web', '460100'), (${uri}, now(), 'web', '110101')`.execute(database.db);
    return { enterprise: code, uri };
  }

  const count = async (database: Database, rule: string, where: { enterprise?: string; code?: string }) => {
    const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM warnings WHERE rule = ${rule}
      AND (${where.enterprise ?? null}::text IS NULL OR enterprise = ${where.enterprise ?? null})
      AND (${where.code ?? null}::text IS NULL OR code = ${where.code ?? null})`.execute(database.db);
    return Number(rows[0]?.n);
  };

  it('resumes a run stopped in the middle after a restart and completes it once, with no duplicate warnings', async () => {
    const database = db.current;
    const first = await start();
    const { enterprise, uri } = await trouble(first, database);

    // stop the process while credential-expired (the last scheduled rule) has raised but not committed
    let paused: () => void = () => {};
    const reached = new Promise<void>((resolve) => {
      paused = resolve;
    });
    let interrupted = false;
    const jobId = randomUUID();
    // only our job: on a shared PostgreSQL database other test files' scans run in this queue too
    scanHooks.beforeCommit = async (rule, signal, running) => {
      if (rule !== 'credential-expired' || interrupted || running !== jobId) return;
      interrupted = true;
      paused();
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
    };
    expect(await first.jobs.send(scanQueue, {}, { id: jobId })).toBe(jobId);
    await reached;
    await first.close();
    apps.splice(apps.indexOf(first), 1);

    const job = async () =>
      (
        await sql<{
          state: string;
          retry_count: number;
        }>`SELECT state, retry_count FROM pgboss.job WHERE id = ${jobId}`.execute(database.db)
      ).rows[0];
    expect(await job()).toMatchObject({ state: 'retry' }); // failed by the stop, due again at once
    const run = async () =>
      (
        await sql<{
          attempts: number;
          finished_at: Date | null;
        }>`SELECT attempts, finished_at FROM warning_runs WHERE job_id = ${jobId}`.execute(database.db)
      ).rows[0];
    expect(await run()).toMatchObject({ attempts: 1, finished_at: null });
    expect(await count(database, 'public-scans', { code: uri })).toBe(1); // committed before the stop
    // rolled back with the stop — checked where this file has the database to itself: on the shared
    // PostgreSQL test database another file's scan may raise the same warning meanwhile (it then
    // stays one warning, which the end of this test checks on both)
    if (backend === 'pglite') expect(await count(database, 'credential-expired', { enterprise })).toBe(0);

    // a new process picks the job up and finishes the rules that were left
    await start();
    await waitFor('the resumed run', async () => ((await run())?.finished_at ? true : undefined));
    expect(await run()).toMatchObject({ attempts: 2 });
    await waitFor('the job to complete', async () =>
      (await job())?.state === 'completed' ? true : undefined,
    );
    const { rows: done } = await sql<{ rule: string; n: string }>`
      SELECT rule, count(*) AS n FROM warning_run_rules WHERE job_id = ${jobId} GROUP BY rule`.execute(
      database.db,
    );
    expect(done.map((r) => r.rule).sort()).toEqual(
      [
        'credential-expired',
        'cylinder-inspection-overdue',
        'cylinder-scrap-age',
        'elevator-inspection-overdue',
        'elevator-maintenance-gap',
        'inactive-code-scanned',
        'public-scans',
        'unmatched-receipt',
      ].sort(),
    );
    expect(done.every((r) => Number(r.n) === 1)).toBe(true);
    expect(await count(database, 'credential-expired', { enterprise })).toBe(1);
    expect(await count(database, 'public-scans', { code: uri })).toBe(1);
  });

  it('never runs two scans at once, even with two processes and several jobs queued', async () => {
    const database = db.current;
    const [a, b] = [await start(), await start()];
    const schedules = await a.jobs.boss.getSchedules();
    expect(schedules.filter((s) => s.name === scanQueue)).toMatchObject([
      { cron: '*/10 * * * *', timezone: 'UTC' },
    ]);
    expect(await a.jobs.boss.getQueue(scanQueue)).toMatchObject({ policy: 'singleton' });
    await trouble(a, database);
    let running = 0;
    let most = 0;
    scanHooks.beforeCommit = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
    };
    const jobs = [
      await a.jobs.send(scanQueue, {}),
      await b.jobs.send(scanQueue, {}),
      await a.jobs.send(scanQueue, {}),
    ];
    const { rows } = await waitFor('three finished runs', async () => {
      const result = await sql<{ job_id: string; started_at: Date; finished_at: Date }>`
        SELECT job_id, started_at, finished_at FROM warning_runs
        WHERE job_id = ANY (${jobs}::text[]) AND finished_at IS NOT NULL ORDER BY started_at`.execute(
        database.db,
      );
      return result.rows.length === jobs.filter(Boolean).length ? result : undefined;
    });
    expect(most).toBe(1);
    for (let i = 1; i < rows.length; i++) {
      expect(new Date(rows[i]?.started_at as Date).getTime()).toBeGreaterThanOrEqual(
        new Date(rows[i - 1]?.finished_at as Date).getTime(),
      );
    }
  });
});

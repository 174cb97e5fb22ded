import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { issueCodes } from '../src/codes/service.js';
import { loadConfig } from '../src/config/config.js';
import { type Backend, freshDatabase } from './databases.js';
import { progress, round2 } from './report.js';

export interface ResolveFigures {
  backend: Backend;
  codes: number;
  issue100kSeconds: number;
  resolveRps: number;
  resolveP50Ms: number;
  resolveP99Ms: number;
  /** A bare Fastify endpoint returning a constant copy of one real summary (same bytes, same headers). */
  ceilingRps: number;
  ceilingP99Ms: number;
  shareOfCeiling: number;
  /** A bare Fastify endpoint returning a two-field constant ({ code, state }). */
  tinyCeilingRps: number;
  shareOfTinyCeiling: number;
  coldShareOfTinyCeiling: number;
  /** Every request a different code (no cache hits). */
  coldRps: number;
  coldP99Ms: number;
  coldShareOfCeiling: number;
  errors: number;
}

interface Load {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** Runs the load generator in its own process; the server keeps this process's event loop. */
async function load(url: string, pathsFile: string, connections: number, seconds: number): Promise<Load> {
  const script = fileURLToPath(new URL('./load.js', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [
    script,
    url,
    pathsFile,
    String(connections),
    String(seconds),
  ]);
  return JSON.parse(stdout.trim().split('\n').pop() as string) as Load;
}

/** GET /t/{code} (JSON) with `codes` issued, against a Fastify endpoint returning a constant, same load. */
export async function benchResolve(
  backend: Backend,
  codes: number,
  serverUrl: string,
  seconds = 15,
): Promise<ResolveFigures> {
  const target = await freshDatabase(backend, serverUrl);
  const bar = progress(`${backend} issue`, Math.ceil(codes / 100_000));
  let issueMs = 0;
  let rounds = 0;
  for (let n = 0; n < codes; n += 100_000) {
    const t = performance.now();
    await issueCodes(
      target.database.db,
      '91460100MA5T0AAA1X',
      {
        scheme: 'suyuan',
        kind: 'item',
        count: Math.min(100_000, codes - n),
        productName: '海南芒果',
        lot: 'L1',
      },
      'HN',
    );
    issueMs += performance.now() - t;
    rounds++;
    bar.increment();
  }
  bar.stop();
  // a settled table, as a deployment's would be (its codes were issued long before they are
  // scanned), so autovacuum of a million fresh rows does not run inside a measured window
  await sql`VACUUM (ANALYZE) codes`.execute(target.database.db);
  // Two kinds of traffic: a working set of 20,000 codes scanned again and again (popular labels,
  // the resolver's cache holds them), and codes each scanned once (every request a cache miss).
  const { rows } = await sql<{
    value: string;
  }>`SELECT value FROM codes ORDER BY random() LIMIT ${Math.min(codes, 320_000)}`.execute(target.database.db);
  const pathsFile = join(tmpdir(), `suyuan-resolve-${process.pid}.txt`);
  writeFileSync(
    pathsFile,
    rows
      .slice(0, 20_000)
      .map((r) => `/t/${r.value}`)
      .join('\n'),
  );
  const coldFile = join(tmpdir(), `suyuan-resolve-cold-${process.pid}.txt`);
  writeFileSync(
    coldFile,
    rows
      .slice(20_000)
      .map((r) => `/t/${r.value}`)
      .join('\n'),
  );

  const config = loadConfig({ LOG_LEVEL: 'warn' });
  const app = await buildApp(config, { database: target.database });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  // cached traffic first: after the uncached run, the scan log holds a bucket for each of ~80,000
  // codes, and writing those (the database's work, seconds of it) landed in the cached run's window
  // or not depending on the 10-second flush clock, so figures differed by a third from run to run
  await load(address, pathsFile, 50, 6); // warm up: loads the 20,000 codes
  const resolved = await load(address, pathsFile, 50, seconds);
  const cold = await load(address, coldFile, 50, seconds);
  const sample = await fetch(`${address}/t/${rows[0]?.value}`, { headers: { accept: 'application/json' } });
  const summary = (await sample.json()) as Record<string, unknown>;
  await app.close();
  await target.drop();

  // The ceilings: bare Fastify, no plugins, no hooks, a constant answer. One returns a copy of a
  // real summary with the resolver's headers (what a client receives, ~800 bytes, so the ratio
  // measures the resolver, not the size of its JSON); the other a two-field object.
  const constant = Fastify();
  constant.get('/t/:code', async (_request, reply) => {
    void reply.header('Cache-Control', 'no-store').header('Vary', 'Accept');
    return summary;
  });
  constant.get('/tiny/:code', async () => ({ code: 'constant', state: 'active' }));
  const constantAddress = await constant.listen({ port: 0, host: '127.0.0.1' });
  await load(constantAddress, pathsFile, 50, 3);
  const ceiling = await load(constantAddress, pathsFile, 50, seconds);
  const tinyFile = join(tmpdir(), `suyuan-resolve-tiny-${process.pid}.txt`);
  writeFileSync(
    tinyFile,
    rows
      .slice(0, 20_000)
      .map((r) => `/tiny/${r.value}`)
      .join('\n'),
  );
  const tiny = await load(constantAddress, tinyFile, 50, seconds);
  await constant.close();
  return {
    backend,
    codes,
    issue100kSeconds: round2(issueMs / rounds / 1000),
    resolveRps: Math.round(resolved.requestsPerSecond),
    resolveP50Ms: resolved.p50,
    resolveP99Ms: resolved.p99,
    coldRps: Math.round(cold.requestsPerSecond),
    coldP99Ms: cold.p99,
    coldShareOfCeiling: round2(cold.requestsPerSecond / ceiling.requestsPerSecond),
    ceilingRps: Math.round(ceiling.requestsPerSecond),
    ceilingP99Ms: ceiling.p99,
    shareOfCeiling: round2(resolved.requestsPerSecond / ceiling.requestsPerSecond),
    tinyCeilingRps: Math.round(tiny.requestsPerSecond),
    shareOfTinyCeiling: round2(resolved.requestsPerSecond / tiny.requestsPerSecond),
    coldShareOfTinyCeiling: round2(cold.requestsPerSecond / tiny.requestsPerSecond),
    errors: resolved.errors + resolved.non2xx + cold.errors + cold.non2xx,
  };
}

import { sql } from 'kysely';
import { buildApp } from '../src/app.js';
import { createApiKey } from '../src/auth/api-keys.js';
import { loadConfig } from '../src/config/config.js';
import { eventsOf } from '../src/epcis/capture/document.js';
import { normaliseEvent } from '../src/epcis/capture/normalise.js';
import { copyEvents } from './copy.js';
import { type Backend, freshDatabase } from './databases.js';
import { makeDocument, makeEvent, rng } from './generate.js';
import { percentile, progress, round2 } from './report.js';

const batchSize = 1000;

function* batches(total: number, seed: number): Generator<Record<string, unknown>[]> {
  const random = rng(seed);
  const base = Date.UTC(2026, 0, 1);
  for (let n = 0; n < total; n += batchSize) {
    yield Array.from({ length: Math.min(batchSize, total - n) }, (_, i) => makeEvent(random, n + i, base));
  }
}

export interface CaptureFigures {
  backend: Backend;
  events: number;
  httpSeconds: number;
  httpEventsPerSecond: number;
  copySeconds: number;
  copyEventsPerSecond: number;
  shareOfCeiling: number;
  matchEpcP50Ms: number;
  matchEpcP99Ms: number;
  queries: number;
}

/** Capture through the HTTP API in batches of 1,000 vs COPY of the same rows; then MATCH_epc latency. */
export async function benchCapture(
  backend: Backend,
  total: number,
  serverUrl: string,
  seed = 1,
): Promise<CaptureFigures> {
  const bodies: Buffer[] = [];
  for (const events of batches(total, seed)) bodies.push(Buffer.from(JSON.stringify(makeDocument(events))));

  const target = await freshDatabase(backend, serverUrl);
  const config = loadConfig({ LOG_LEVEL: 'warn', SUYUAN_CAPTURE_FILE_SIZE_LIMIT: String(64 * 1024 * 1024) });
  const app = await buildApp(config, { database: target.database });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const { key } = await createApiKey(target.database.db, 'bench', ['capture', 'query']);
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/ld+json' };

  const bar = progress(`${backend} capture`, bodies.length);
  const start = performance.now();
  let next = 0;
  const sender = async () => {
    while (next < bodies.length) {
      const body = bodies[next++] as Buffer;
      const response = await fetch(`${address}/epcis/capture`, { method: 'POST', headers, body });
      if (response.status !== 202)
        throw new Error(`capture answered ${response.status}: ${await response.text()}`);
      // keep at most a few jobs queued, as a well-behaved client would
      for (;;) {
        const { rows } = await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM capture_jobs WHERE status IN ('queued', 'running')`.execute(
          target.database.db,
        );
        if ((rows[0]?.n ?? 0) < 4) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      bar.increment();
    }
  };
  await Promise.all([sender(), sender()]);
  for (;;) {
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM capture_jobs WHERE status IN ('queued', 'running')`.execute(
      target.database.db,
    );
    if ((rows[0]?.n ?? 0) === 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const httpSeconds = (performance.now() - start) / 1000;
  bar.stop();
  const failed = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM capture_jobs WHERE status <> 'success'`.execute(target.database.db);
  if ((failed.rows[0]?.n ?? 0) > 0) throw new Error('some capture jobs failed');

  // MATCH_epc latency over random stored identifiers, once the tables are analysed (as autovacuum
  // would have done on a server in steady state).
  await sql`VACUUM ANALYZE`.execute(target.database.db);
  const { rows: sample } = await sql<{
    epc: string;
  }>`SELECT epc FROM event_epcs WHERE role = 'epc' AND NOT is_class
    ORDER BY random() LIMIT 1000`.execute(target.database.db);
  const latencies: number[] = [];
  for (const { epc } of sample) {
    const t = performance.now();
    const response = await fetch(`${address}/epcis/events?MATCH_epc=${encodeURIComponent(epc)}`, { headers });
    await response.arrayBuffer();
    latencies.push(performance.now() - t);
  }
  await app.close();
  await target.drop();

  // The ceiling: COPY of the same normalised rows into a fresh copy of the same tables.
  const ceiling = await freshDatabase(backend, serverUrl);
  const copyBar = progress(`${backend} COPY`, bodies.length);
  let copyMs = 0;
  let id = 1;
  for (const body of bodies) {
    const document = JSON.parse(body.toString()) as Record<string, unknown>;
    const { events, context } = eventsOf(document);
    const normalised = events.map((e, i) => {
      const r = normaliseEvent(e, context, `/${i}`);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return r.event;
    });
    copyMs += await copyEvents(ceiling.database, normalised, id);
    id += normalised.length;
    copyBar.increment();
  }
  copyBar.stop();
  await ceiling.drop();

  const httpEventsPerSecond = total / httpSeconds;
  const copyEventsPerSecond = total / (copyMs / 1000);
  return {
    backend,
    events: total,
    httpSeconds: round2(httpSeconds),
    httpEventsPerSecond: Math.round(httpEventsPerSecond),
    copySeconds: round2(copyMs / 1000),
    copyEventsPerSecond: Math.round(copyEventsPerSecond),
    shareOfCeiling: round2(httpEventsPerSecond / copyEventsPerSecond),
    matchEpcP50Ms: round2(percentile(latencies, 0.5)),
    matchEpcP99Ms: round2(percentile(latencies, 0.99)),
    queries: latencies.length,
  };
}

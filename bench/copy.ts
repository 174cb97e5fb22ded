import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../src/db/database.js';
import type { NormalisedEvent } from '../src/epcis/capture/normalise.js';
import { BulkRows } from '../src/seed/bulk-rows.js';

async function copy(database: Database, statement: string, text: string): Promise<void> {
  if (text.length === 0) return;
  if (database.pglite) {
    // COPY through the pg adapter crashes PGlite; its own /dev/blob path is the supported one.
    await database.pglite.query(`${statement} FROM '/dev/blob'`, [], { blob: new Blob([text]) });
    return;
  }
  const client = await database.pool.connect();
  try {
    await pipeline(Readable.from([text]), client.query(copyFrom(`${statement} FROM STDIN`)));
  } finally {
    client.release();
  }
}

/**
 * The ceiling: COPY of the same normalised rows our capture writes (BulkRows, approximate: the
 * rows as derived), straight into the same tables. Returns the milliseconds spent in COPY alone
 * (building the text is not counted).
 */
export async function copyEvents(
  database: Database,
  events: NormalisedEvent[],
  firstId: number,
): Promise<number> {
  const rows = new BulkRows({ approximate: true });
  const meta = {
    recordTime: new Date().toISOString(),
    captureId: 'bench',
    capturedBy: 'bench',
    ownerEnterprise: null,
  };
  for (const [i, e] of events.entries()) rows.add(firstId + i, e, meta);
  const statements = rows.statements();
  const start = performance.now();
  for (const s of statements) await copy(database, s.copy, s.text);
  return performance.now() - start;
}

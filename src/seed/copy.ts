import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import type { Database } from '../db/database.js';

// COPY … FROM STDIN (PostgreSQL, through pg-copy-streams) or PGlite's own COPY … FROM '/dev/blob',
// inside one transaction per call: the bulk path of the large demo seed.

export interface CopyStatement {
  /** `COPY table (columns)` without FROM. */
  copy: string;
  text: string;
}

/** Runs the COPY statements and then `after`, if any (plain SQL with parameters), in one transaction. */
export async function copyInTransaction(
  database: Database,
  statements: CopyStatement[],
  after?: { sql: string; params: unknown[] },
): Promise<void> {
  const work = statements.filter((s) => s.text.length > 0);
  if (database.pglite) {
    await database.pglite.transaction(async (tx) => {
      for (const s of work) await tx.query(`${s.copy} FROM '/dev/blob'`, [], { blob: new Blob([s.text]) });
      if (after) await tx.query(after.sql, after.params);
    });
    return;
  }
  const { from: copyFrom } = await import('pg-copy-streams').catch(() => {
    throw new Error(
      'the bulk seed on PostgreSQL needs the pg-copy-streams package (npm install pg-copy-streams)',
    );
  });
  const client: pg.PoolClient = await database.pool.connect();
  try {
    await client.query('BEGIN');
    // bulk volume: a crash may lose the last chunks, never half of one (the progress row commits with it)
    await client.query('SET LOCAL synchronous_commit = off');
    for (const s of work)
      await pipeline(Readable.from([s.text]), client.query(copyFrom(`${s.copy} FROM STDIN`)));
    if (after) await client.query(after.sql, after.params);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

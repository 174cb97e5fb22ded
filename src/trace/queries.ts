import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.js';

export type Way = 'back' | 'forward';

/** Whether an identifier is known at all: issued here, or named by any stored event. */
export async function isKnown(db: Kysely<DB>, uri: string): Promise<boolean> {
  const { rows } = await sql<{ known: boolean }>`
    SELECT EXISTS (SELECT 1 FROM codes WHERE uri = ${uri}) OR EXISTS (SELECT 1 FROM event_epcs WHERE epc = ${uri})
      AS known`.execute(db);
  return rows[0]?.known === true;
}

import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/types.js';
import { type Capturer, stableJson } from '../epcis/capture/store.js';
import { type ReadyRecord, readyRecord, storeReady } from '../templates/engine.js';
import type { FieldValue, RecordIssue, Template } from '../templates/model.js';

/** A row's content as compared: its CTE and its values as the template engine normalised them. */
export function rowContent(cte: string, values: Map<string, unknown>): string {
  const fields = Object.fromEntries([...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return stableJson([cte, fields]);
}

/**
 * The eventID of an imported row: a name-based UUID (RFC 9562 UUIDv8 over SHA-256, as its
 * Appendix B.2) of the enterprise, the template (not its version), the row's content and which
 * occurrence of that content in the upload it is. The same row imported again by the same
 * enterprise gets the same eventID, so it is found already stored; two equal rows of one file (two
 * sales of 1 kg of a lot on one day) stay two events; equal rows of two enterprises never meet.
 */
export function importedEventId(
  enterprise: string | null,
  template: string,
  content: string,
  occurrence: number,
): string {
  const h = createHash('sha256')
    .update(['suyuan-import', enterprise ?? '', template, content, occurrence].join('\u0000'))
    .digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x80;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** Counts equal contents as they come: the n-th copy of a row is occurrence n. */
export function occurrences(): (content: string) => number {
  const seen = new Map<string, number>();
  return (content) => {
    const n = (seen.get(content) ?? 0) + 1;
    seen.set(content, n);
    return n;
  };
}

export interface ImportRow {
  cte: string;
  fields: Record<string, FieldValue | null>;
  eventId: string;
}

export interface StoredRows {
  stored: number;
  /** Indexes of the rows whose event is stored already (an earlier import of the same rows). */
  present: number[];
  issues: (RecordIssue & { index: number })[];
}

/**
 * Stores imported rows as events with their own eventIDs, inside the caller's transaction: rows
 * whose eventID is stored already are left out and named; the others are stored as the template
 * engine stores records (readyRecord, storeReady), so the capture rules and listeners run.
 */
export async function storeRows(
  trx: Kysely<DB>,
  capturer: Capturer,
  template: Template,
  rows: ImportRow[],
  behaviour: 'rollback' | 'proceed',
  now: Date,
): Promise<StoredRows> {
  const issues: StoredRows['issues'] = [];
  if (rows.length === 0) return { stored: 0, present: [], issues };
  const existing = await trx
    .selectFrom('events')
    .select('event_id')
    .where(
      'event_id',
      'in',
      rows.map((r) => r.eventId),
    )
    .execute();
  const stored = new Set(existing.map((e) => e.event_id));
  const present: number[] = [];
  const ready: ReadyRecord[] = [];
  for (const [index, row] of rows.entries()) {
    if (stored.has(row.eventId)) {
      present.push(index);
      continue;
    }
    const context = { enterprise: capturer.enterprise, now, eventId: row.eventId };
    const one = readyRecord(template, row.cte, row.fields, context, index);
    if (one.ok) ready.push(one.ready);
    else issues.push(...one.issues);
  }
  // An event stored meanwhile by a concurrent import of the same rows is skipped by storeEvents
  // (counted as a duplicate): `stored` counts only what this call wrote.
  const result = await storeReady(trx, capturer, ready, behaviour, issues);
  return { stored: result.stored, present, issues: result.issues };
}

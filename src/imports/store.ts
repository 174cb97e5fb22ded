import { createHmac } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.js';
import { type Capturer, stableJson } from '../epcis/capture/store.js';
import { type ReadyRecord, readyRecord, storeReady } from '../templates/engine.js';
import type { FieldValue, RecordIssue, Template } from '../templates/model.js';

/**
 * Numbers to 15 significant digits, what a spreadsheet shows: a formula's 12.499999999999998 and
 * the 12.5 a CSV copy of it holds are the same value.
 */
function shown(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? Number(value.toPrecision(15)) : value;
  if (Array.isArray(value)) return value.map(shown);
  if (value !== null && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shown(v)]));
  return value;
}

/** A row's content as compared: its CTE and its values as the template engine normalised them. */
export function rowContent(cte: string, values: Map<string, unknown>): string {
  const fields = Object.fromEntries(
    [...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, shown(v)]),
  );
  return stableJson([cte, fields]);
}

/**
 * The enterprise's import key (created on first use): a secret that keys its rows' eventIDs, so no
 * one else can compute them (migration 0058).
 */
export async function importKey(db: Kysely<DB>, enterprise: string | null): Promise<string> {
  const { rows } = await sql<{ key: string }>`
    INSERT INTO import_keys (enterprise) VALUES (${enterprise ?? ''})
    ON CONFLICT (enterprise) DO UPDATE SET enterprise = EXCLUDED.enterprise
    RETURNING key::text AS key`.execute(db);
  return (rows[0] as { key: string }).key;
}

/**
 * The eventID of an imported row: a name-based UUID (RFC 9562 UUIDv8 over HMAC-SHA-256, as its
 * Appendix B.2 hashes a name) of the template (not its version), the row's content and which
 * occurrence of that content in the upload it is, keyed with the enterprise's import key. The
 * same row imported again by the same enterprise gets the same eventID, so it is found already
 * stored; two equal rows of one file (two sales of 1 kg of a lot on one day) stay two events; the
 * rows of two enterprises never meet, and no one without the key can compute the eventID.
 * `upload` (the import id of a repeat upload) keys the eventID on that upload as well: its rows
 * are new events whatever was imported before, and the same again only for that upload, so a
 * retried job stores nothing twice. Without it the eventID is what it always was.
 */
export function importedEventId(
  key: string,
  template: string,
  content: string,
  occurrence: number,
  upload?: string,
): string {
  const name = ['suyuan-import', template, content, occurrence, ...(upload === undefined ? [] : [upload])];
  const h = createHmac('sha256', key).update(name.join('\u0000')).digest();
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
  // Only the enterprise's own events count as imported before: an event of another owner with the
  // same eventID (which only the key's holder can compute) is left to storeEvents to refuse.
  const existing = await trx
    .selectFrom('events')
    .select('event_id')
    .where(
      'event_id',
      'in',
      rows.map((r) => r.eventId),
    )
    .where((eb) =>
      capturer.enterprise === null
        ? eb('owner_enterprise', 'is', null)
        : eb('owner_enterprise', '=', capturer.enterprise),
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

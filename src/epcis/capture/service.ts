import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Principal } from '../../auth/principal.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/types.js';
import { DomainError } from '../../http/errors.js';
import { epcisContext } from '../format/event.js';
import { documentEventHashes } from '../hash/index.js';
import { type ValidationIssue, validateDocument, validateEvent } from '../validation/index.js';
import { eventIndexOf, eventsOf } from './document.js';
import { type NormalisedEvent, normaliseEvent } from './normalise.js';
import { type Capturer, storeEvents } from './store.js';

export type ErrorBehaviour = 'rollback' | 'proceed';
type Json = Record<string, unknown>;

export interface CaptureLimits {
  maxEvents: number;
}

/**
 * Accepts a capture document: checks its structure now (so a broken document is refused with
 * problem+json at once) and queues it as a durable job. Under `proceed`, events with errors do not
 * stop the job; under `rollback`, any error refuses the whole document.
 */
export async function submitCapture(
  database: Database,
  body: unknown,
  behaviour: ErrorBehaviour,
  principal: Principal,
  limits: CaptureLimits,
  /** The body as received, when the caller has it (saves serialising a large document again). */
  raw?: string,
): Promise<string> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new DomainError('VALIDATION_FAILED', 'The body must be an EPCISDocument object', [
      { pointer: '', message: 'expected a JSON object' },
    ]);
  }
  const { events, listPointer } = eventsOf(body as Json);
  if (events.length > limits.maxEvents) {
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      `The document holds ${events.length} events; this server captures at most ${limits.maxEvents} per request`,
    );
  }
  const issues = validateDocument(body, { maxIssues: Number.POSITIVE_INFINITY });
  const documentLevel = issues.filter((i) => eventIndexOf(i.pointer, listPointer) === undefined);
  if (documentLevel.length > 0 || (behaviour === 'rollback' && issues.length > 0)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      `The document has ${issues.length} error(s); nothing was stored`,
      issues,
    );
  }
  const captureId = randomUUID();
  await database.db
    .insertInto('capture_jobs')
    .values({
      capture_id: captureId,
      status: 'queued',
      error_behaviour: behaviour,
      document: raw ?? JSON.stringify(body),
      errors: JSON.stringify(issues), // the worker starts from these instead of validating again
      event_count: events.length,
      captured_by: principal.id,
      enterprise: principal.enterprise ?? null,
    })
    .execute();
  rememberDocument(captureId, body as Json);
  return captureId;
}

// Documents just submitted to this process, so its worker need not parse them again (the database
// copy is the durable one; any process can run the job from it).
const recentDocuments = new Map<string, Json>();

function rememberDocument(captureId: string, body: Json): void {
  if (recentDocuments.size >= 32) recentDocuments.delete(recentDocuments.keys().next().value as string);
  recentDocuments.set(captureId, body);
}

/** The submitted document of a job: from memory when this process received it, else parsed from the row. */
export function jobDocument(captureId: string, stored: string | null): Json {
  const recent = recentDocuments.get(captureId);
  recentDocuments.delete(captureId);
  return recent ?? (JSON.parse(stored ?? 'null') as Json);
}

export interface JobOutcome {
  success: boolean;
  stored: number;
  errors: ValidationIssue[];
}

/** Processes a capture document inside the given transaction (the worker commits it with the job status). */
export async function processCapture(
  trx: Kysely<DB>,
  body: Json,
  behaviour: ErrorBehaviour,
  captureId: string,
  capturer: Capturer,
  /** Issues found when the document was submitted; validated again when absent. */
  known?: ValidationIssue[],
): Promise<JobOutcome> {
  const { context, events, listPointer } = eventsOf(body);
  const errors = known ? [...known] : validateDocument(body, { maxIssues: Number.POSITIVE_INFINITY });
  const bad = new Set(errors.map((i) => eventIndexOf(i.pointer, listPointer)));
  const ready: { event: NormalisedEvent; pointer: string }[] = [];
  const hashes = documentHashes(body, events);
  events.forEach((event, index) => {
    if (bad.has(index)) return;
    const pointer = `${listPointer}/${index}`;
    const result = normaliseEvent(event, context, pointer, hashes[index]);
    if (result.ok) ready.push({ event: result.event, pointer });
    else errors.push(...result.issues);
  });
  if (behaviour === 'rollback' && errors.length > 0) return { success: false, stored: 0, errors };
  const stored = await storeEvents(trx, ready, captureId, capturer);
  const refused = [...stored.conflicts, ...stored.rejected];
  if (refused.length > 0) {
    if (behaviour === 'rollback') return { success: false, stored: 0, errors: [...errors, ...refused] };
    // proceed: store the rest without the refused events (a rule's issue may point inside an event)
    const refusedEvent = (pointer: string) =>
      refused.some((c) => c.pointer === pointer || c.pointer.startsWith(`${pointer}/`));
    const rest = ready.filter((r) => !refusedEvent(r.pointer));
    const again = await storeEvents(trx, rest, captureId, capturer);
    return { success: false, stored: again.stored, errors: [...errors, ...refused, ...again.rejected] };
  }
  return { success: errors.length === 0, stored: stored.stored, errors };
}

/**
 * Event hashes computed over the whole document (the reference implementation reads ignoreFields
 * and vocabulary from the document), aligned with the event list; only when an event needs one.
 */
export function documentHashes(body: Json, events: Json[]): (string | undefined)[] {
  const needed = events.some((e) => e && typeof e === 'object' && typeof e.eventID !== 'string');
  const aligned = events.every((e) => e && typeof e === 'object' && !Array.isArray(e));
  return needed && aligned ? documentEventHashes(body) : [];
}

/** POST /epcis/events: one event, stored synchronously. Returns its eventID. */
export async function captureEvent(database: Database, body: unknown, principal: Principal): Promise<string> {
  // A plain-JSON client may leave out @context; the standard EPCIS context is then implied.
  const withContext =
    body && typeof body === 'object' && !('@context' in body) ? { '@context': epcisContext, ...body } : body;
  const issues = validateEvent(withContext, '');
  if (issues.length > 0)
    throw new DomainError('VALIDATION_FAILED', 'The event is invalid; nothing was stored', issues);
  const event = body as Json;
  const normalised = normaliseEvent(event, event['@context'], '');
  if (!normalised.ok) {
    throw new DomainError('VALIDATION_FAILED', 'The event is invalid; nothing was stored', normalised.issues);
  }
  const id = normalised.event.eventId;
  return database.db.transaction().execute(async (trx) => {
    const result = await storeEvents(trx, [{ event: normalised.event, pointer: '' }], null, {
      principal: principal.id,
      enterprise: principal.enterprise ?? null,
    });
    if (result.rejected.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        'The event breaks a capture rule; nothing was stored',
        result.rejected,
      );
    }
    if (result.stored === 0 && result.declared === 0) {
      throw new DomainError('EVENT_EXISTS', `An event with eventID ${id} already exists`, [
        { pointer: '/eventID', message: 'already exists' },
      ]);
    }
    return id;
  });
}

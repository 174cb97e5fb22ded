import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { recallStopTrading } from '../../recalls/stop-trading.js';
import { templateCheck } from '../../templates/rules.js';
import { raiseCaptureWarnings } from '../../warnings/capture.js';
import type { ValidationIssue } from '../validation/index.js';
import type { NormalisedEvent } from './normalise.js';
import type { Capturer } from './store.js';

/** One event about to be stored, with the JSON pointer of its place in the submitted document. */
export interface PendingEvent {
  event: NormalisedEvent;
  pointer: string;
}

export interface CaptureContext {
  /** The capture transaction: what a check reads is consistent with what is stored. */
  trx: Kysely<DB>;
  capturer: Capturer;
}

/**
 * A hard rule: returns one issue per refused event (pointer = the event's pointer, or a field
 * under it). Refused events are not stored: under `rollback` the whole document is refused, under
 * `proceed` the rest is stored. Checks see only events that are new (not duplicates of stored ones).
 */
export type CaptureCheck = (events: PendingEvent[], context: CaptureContext) => Promise<ValidationIssue[]>;

/** Runs after events were stored, in the same transaction (warnings raised at capture, for example). */
export type CaptureListener = (events: StoredEvent[], context: CaptureContext) => Promise<void>;

export interface StoredEvent {
  /** events.id */
  pk: string;
  event: NormalisedEvent;
}

/**
 * The capture rules of every capability, in one list so the order is visible. Each capability
 * adds its entry here; storeEvents runs them on every channel (EPCIS capture, /epcis/events,
 * records, imports, seeding).
 */
export const captureChecks: { name: string; check: CaptureCheck }[] = [
  { name: 'recall-stop-trading', check: recallStopTrading },
  // industry templates: data of template-bound events, then the hard rules their CTEs name
  { name: 'templates', check: templateCheck },
];

export const captureListeners: { name: string; listener: CaptureListener }[] = [
  { name: 'warnings', listener: raiseCaptureWarnings },
];

export async function runCaptureChecks(
  events: PendingEvent[],
  context: CaptureContext,
): Promise<ValidationIssue[]> {
  const issues: ValidationIssue[] = [];
  for (const { check } of captureChecks) {
    if (events.length === 0) break;
    issues.push(...(await check(events, context)));
  }
  return issues;
}

export async function runCaptureListeners(events: StoredEvent[], context: CaptureContext): Promise<void> {
  if (events.length === 0) return;
  for (const { listener } of captureListeners) await listener(events, context);
}

import { canonicalEpc } from '../../identifiers/epc.js';
import type { ValidationIssue } from './messages.js';
import { child } from './pointer.js';

type Json = Record<string, unknown>;

const LISTS = ['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList'] as const;
const QUANTITY_LISTS = [
  'quantityList',
  'childQuantityList',
  'inputQuantityList',
  'outputQuantityList',
] as const;
const PARTIES = [
  ['sourceList', 'source'],
  ['destinationList', 'destination'],
  ['bizTransactionList', 'bizTransaction'],
] as const;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/** Results of canonicalEpc within one document (locations, classes and parties repeat across events). */
export type IdentifierCache = Map<string, string | undefined>;

export interface Visit {
  skip: ReadonlySet<string>;
  issues: ValidationIssue[];
  cache: IdentifierCache;
}

function check(value: unknown, pointer: string, { skip, issues, cache }: Visit): void {
  if (typeof value !== 'string' || skip.has(pointer)) return;
  let error = cache.get(value);
  if (error === undefined && !cache.has(value)) {
    const result = canonicalEpc(value);
    error = result.ok ? undefined : result.error;
    cache.set(value, error);
  }
  if (error !== undefined) issues.push({ pointer, message: error });
}

function eachItem(list: unknown, pointer: string, visit: (item: unknown, pointer: string) => void): void {
  if (!Array.isArray(list)) return;
  for (let i = 0; i < list.length; i++) visit(list[i], child(pointer, i));
}

/**
 * GS1 checks (check digits, AI formats, EPC URN syntax) of every identifier in an event, via canonicalEpc.
 * `visit.skip` holds pointers that already have an issue (such as "must be an absolute URI"), so each value gets
 * one message.
 */
export function identifierIssues(event: Json, pointer: string, visit: Visit): void {
  for (const list of LISTS) {
    eachItem(event[list], child(pointer, list), (item, at) => check(item, at, visit));
  }
  for (const list of QUANTITY_LISTS) {
    eachItem(event[list], child(pointer, list), (item, at) => {
      if (isObject(item)) check(item.epcClass, child(at, 'epcClass'), visit);
    });
  }
  check(event.parentID, child(pointer, 'parentID'), visit);
  for (const place of ['readPoint', 'bizLocation'] as const) {
    const value = event[place];
    if (isObject(value)) check(value.id, child(child(pointer, place), 'id'), visit);
  }
  for (const [list, key] of PARTIES) {
    eachItem(event[list], child(pointer, list), (item, at) => {
      if (isObject(item)) check(item[key], child(at, key), visit);
    });
  }
}

import { type RawBuilder, sql } from 'kysely';
import { canonicalCodeUri, suyuanCodeOf, suyuanUri } from '../../codes/code-uri.js';
import { DomainError, type FieldError } from '../../http/errors.js';
import { epcPattern } from '../../identifiers/epc.js';
import { cbvBare, type Vocabulary } from '../cbv.js';
import { epcFilter, jsonFieldFilter, locationFilter, partyFilter, transactionFilter } from './filters.js';

export type Condition = RawBuilder<unknown>;

export interface EventQuery {
  conditions: Condition[];
  orderBy: 'eventTime' | 'recordTime' | 'id';
  direction: 'asc' | 'desc';
  eventCountLimit?: number;
  maxEventCount?: number;
  perPage: number;
  nextPageToken?: string;
  /** The parameters that define the result set (for the next-page link and token check). */
  canonical: string;
}

export const maxPerPage = 1000;
export const defaultPerPage = 100;

const eventTypes = new Set([
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
]);
const actions = new Set(['ADD', 'OBSERVE', 'DELETE']);

const epcRoles: Record<string, { roles: string[]; isClass: boolean }> = {
  MATCH_epc: { roles: ['epc', 'child'], isClass: false },
  MATCH_parentID: { roles: ['parent'], isClass: false },
  MATCH_inputEPC: { roles: ['input'], isClass: false },
  MATCH_outputEPC: { roles: ['output'], isClass: false },
  MATCH_anyEPC: { roles: ['epc', 'child', 'parent', 'input', 'output'], isClass: false },
  MATCH_epcClass: { roles: ['epc', 'child'], isClass: true },
  MATCH_inputEPCClass: { roles: ['input'], isClass: true },
  MATCH_outputEPCClass: { roles: ['output'], isClass: true },
  MATCH_anyEPCClass: { roles: ['epc', 'child', 'input', 'output'], isClass: true },
};

const columnOf = { EQ_bizStep: 'biz_step', EQ_disposition: 'disposition', EQ_action: 'action' } as const;
const vocabularyOf: Record<string, Vocabulary> = { EQ_bizStep: 'bizStep', EQ_disposition: 'disposition' };

/** Splits a pipe-separated list (EPCIS 2.0 REST: `a|b|c`), and repeated parameters too. */
function list(raw: string | string[]): string[] {
  return (Array.isArray(raw) ? raw : [raw])
    .flatMap((v) => v.split('|'))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function time(name: string, raw: string | string[], errors: FieldError[]): Date | undefined {
  // A '+' in a query string decodes to a space: accept 2024-05-01T08:00:00 08:00 as +08:00.
  const value = (Array.isArray(raw) ? raw[0] : raw)?.replace(/ (\d{2}:\d{2})$/, '+$1');
  if (
    !value ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    errors.push({
      pointer: name,
      message: 'must be a date-time with a time zone, e.g. 2024-05-01T08:00:00+08:00',
    });
    return undefined;
  }
  return new Date(value);
}

function integer(
  name: string,
  raw: string | string[],
  min: number,
  max: number,
  errors: FieldError[],
): number | undefined {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    errors.push({ pointer: name, message: `must be an integer from ${min} to ${max}` });
    return undefined;
  }
  return Number(value);
}

function identifiers(name: string, values: string[], errors: FieldError[]): string[] {
  return values.flatMap((v) => {
    const parsed = canonicalCodeUri(v);
    if (parsed.ok) return [parsed.value];
    errors.push({ pointer: name, message: `${v}: ${parsed.error}` });
    return [];
  });
}

/**
 * Parses the standard EPCIS 2.0 query parameters into SQL conditions. Every parameter is handled
 * in this one table-driven place; anything unknown or malformed is a 400 naming the parameter.
 */
export function parseEventQuery(query: Record<string, string | string[] | undefined>): EventQuery {
  const errors: FieldError[] = [];
  const conditions: Condition[] = [];
  const spec: EventQuery = {
    conditions,
    orderBy: 'id',
    direction: 'asc',
    perPage: defaultPerPage,
    canonical: '',
  };
  const kept: [string, string][] = [];
  for (const [name, raw] of Object.entries(query)) {
    if (raw === undefined) continue;
    if (name !== 'nextPageToken' && name !== 'perPage')
      kept.push([name, Array.isArray(raw) ? raw.join('|') : raw]);
    const values = list(raw);
    const m = /^(GE|LT|GT|LE)_(eventTime|recordTime|errorDeclarationTime)$/.exec(name);
    if (m) {
      const t = time(name, raw, errors);
      const column = {
        eventTime: 'event_time',
        recordTime: 'record_time',
        errorDeclarationTime: 'error_declaration_time',
      }[m[2] as 'eventTime'];
      const op = { GE: '>=', LT: '<', GT: '>', LE: '<=' }[m[1] as 'GE'];
      if (t) conditions.push(sql`e.${sql.ref(column)} ${sql.raw(op)} ${t}`);
      continue;
    }
    if (name in epcRoles) {
      const { roles, isClass } = epcRoles[name] as { roles: string[]; isClass: boolean };
      const patterns = values.flatMap((v) => {
        const code = suyuanCodeOf(v);
        if (code) return [{ exact: suyuanUri(code) }];
        const p = epcPattern(v);
        if (p.ok) return [p.value];
        errors.push({ pointer: name, message: `${v}: ${p.error}` });
        return [];
      });
      if (values.length === 0) errors.push({ pointer: name, message: 'needs at least one value' });
      if (patterns.length > 0) conditions.push(epcFilter(roles, isClass, patterns));
      continue;
    }
    const tx = /^EQ_(bizTransaction|source|destination)_(.+)$/.exec(name);
    if (tx) {
      const kind = tx[1] as 'bizTransaction' | 'source' | 'destination';
      const type =
        kind === 'bizTransaction'
          ? cbvBare('bizTransactionType', tx[2] as string)
          : cbvBare('sourceDestType', tx[2] as string);
      const ids = identifiers(name, values, errors);
      if (ids.length > 0)
        conditions.push(
          kind === 'bizTransaction' ? transactionFilter(type, ids) : partyFilter(kind, type, ids),
        );
      continue;
    }
    const field = /^(EQ|EXISTS|GT|GE|LT|LE)_(INNER_)?(ILMD_)?(.+)$/.exec(name);
    switch (name) {
      case 'eventType':
        for (const v of values)
          if (!eventTypes.has(v)) errors.push({ pointer: name, message: `unknown event type ${v}` });
        conditions.push(sql`e.event_type IN (${sql.join(values)})`);
        continue;
      case 'EQ_action':
        for (const v of values)
          if (!actions.has(v))
            errors.push({ pointer: name, message: `must be ADD, OBSERVE or DELETE, not ${v}` });
        conditions.push(sql`e.action IN (${sql.join(values)})`);
        continue;
      case 'EQ_bizStep':
      case 'EQ_disposition': {
        const bare = values.map((v) => cbvBare(vocabularyOf[name] as Vocabulary, v));
        if (bare.length === 0) errors.push({ pointer: name, message: 'needs at least one value' });
        else conditions.push(sql`e.${sql.ref(columnOf[name])} IN (${sql.join(bare)})`);
        continue;
      }
      case 'EQ_readPoint':
      case 'EQ_bizLocation':
      case 'WD_readPoint':
      case 'WD_bizLocation': {
        const ids = identifiers(name, values, errors);
        const column = name.endsWith('readPoint') ? 'read_point' : 'biz_location';
        if (ids.length > 0) conditions.push(locationFilter(column, ids, name.startsWith('WD_')));
        continue;
      }
      case 'EQ_eventID':
        conditions.push(sql`e.event_id IN (${sql.join(values)})`);
        continue;
      case 'EXISTS_errorDeclaration':
        conditions.push(sql`e.error_declaration_time IS NOT NULL`);
        continue;
      case 'EQ_errorReason':
        conditions.push(sql`e.error_reason IN (${sql.join(values.map((v) => cbvBare('errorReason', v)))})`);
        continue;
      case 'EQ_correctiveEventID':
        conditions.push(sql`e.doc->'errorDeclaration'->'correctiveEventIDs' ?| ${values}::text[]`);
        continue;
      case 'orderBy':
        if (values[0] === 'eventTime' || values[0] === 'recordTime') spec.orderBy = values[0];
        else errors.push({ pointer: name, message: 'must be eventTime or recordTime' });
        continue;
      case 'orderDirection':
        if (values[0] === 'ASC' || values[0] === 'DESC')
          spec.direction = values[0] === 'ASC' ? 'asc' : 'desc';
        else errors.push({ pointer: name, message: 'must be ASC or DESC' });
        continue;
      case 'eventCountLimit':
        spec.eventCountLimit = integer(name, raw, 1, 1_000_000, errors);
        continue;
      case 'maxEventCount':
        spec.maxEventCount = integer(name, raw, 1, 1_000_000, errors);
        continue;
      case 'perPage':
        spec.perPage = integer(name, raw, 1, maxPerPage, errors) ?? defaultPerPage;
        continue;
      case 'nextPageToken':
        spec.nextPageToken = Array.isArray(raw) ? raw[0] : raw;
        continue;
    }
    if (field && /^[A-Za-z][\w.-]*:[\w.-]+$|^https?:\/\/\S+$/.test(field[4] as string)) {
      const [, op, inner, ilmd, key] = field as unknown as [
        string,
        string,
        string | undefined,
        string | undefined,
        string,
      ];
      const result = jsonFieldFilter(op as 'EQ', Boolean(inner), Boolean(ilmd), key, values);
      if (typeof result === 'string') errors.push({ pointer: name, message: result });
      else conditions.push(result);
      continue;
    }
    errors.push({ pointer: name, message: 'is not a query parameter this server knows' });
  }
  if (errors.length > 0)
    throw new DomainError('BAD_QUERY_PARAMETER', 'The query has invalid parameters', errors);
  spec.canonical = kept
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return spec;
}

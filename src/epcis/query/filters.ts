import { sql } from 'kysely';
import type { Condition } from './params.js';

/** What an EPC pattern matches, in canonical Digital Link form (see identifiers/epc.ts). */
export interface EpcMatch {
  exact?: string;
  prefix?: string;
  gcp?: string;
  key?: string;
}

const dl = 'https://id.gs1.org/';

function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** LIKE pattern selecting every canonical identifier of a company prefix under one GS1 key. */
function companyPattern(key: string, gcp: string): string {
  // GTIN-14 and SSCC carry an indicator / extension digit before the company prefix; GRAI a leading 0.
  const lead = key === '01' || key === '00' ? '_' : key === '8003' ? '0' : '';
  return `${dl}${key}/${lead}${likeEscape(gcp)}%`;
}

export function epcFilter(roles: string[], isClass: boolean, patterns: EpcMatch[]): Condition {
  const exact = patterns.flatMap((p) => (p.exact ? [p.exact] : []));
  const likes = patterns.flatMap((p) => {
    if (p.prefix) return [`${likeEscape(p.prefix)}%`];
    if (p.gcp && p.key) return [companyPattern(p.key, p.gcp)];
    return [];
  });
  const ors = [
    ...(exact.length > 0 ? [sql`x.epc = ANY(${exact}::text[])`] : []),
    ...likes.map((l) => sql`x.epc LIKE ${l}`),
  ];
  return sql`e.id IN (SELECT x.event_pk FROM event_epcs x WHERE x.role IN (${sql.join(roles)})
    AND x.is_class = ${isClass} AND (${sql.join(ors, sql` OR `)}))`;
}

export function transactionFilter(type: string, values: string[]): Condition {
  return sql`e.id IN (SELECT t.event_pk FROM event_biz_transactions t WHERE t.value = ANY(${values}::text[]) AND t.type = ${type})`;
}

export function partyFilter(direction: 'source' | 'destination', type: string, values: string[]): Condition {
  return sql`e.id IN (SELECT p.event_pk FROM event_parties p
    WHERE p.value = ANY(${values}::text[]) AND p.direction = ${direction} AND p.type = ${type})`;
}

/** EQ_ on the value itself; WD_ also on every location below it in the master-data hierarchy. */
export function locationFilter(
  column: 'read_point' | 'biz_location',
  ids: string[],
  withDescendants: boolean,
): Condition {
  if (!withDescendants) return sql`e.${sql.ref(column)} = ANY(${ids}::text[])`;
  return sql`e.${sql.ref(column)} IN (
    WITH RECURSIVE below(location) AS (
      SELECT unnest(${ids}::text[])
      UNION SELECT lp.location FROM location_parents lp JOIN below b ON lp.parent = b.location)
    SELECT location FROM below)`;
}

type Op = 'EQ' | 'EXISTS' | 'GT' | 'GE' | 'LT' | 'LE';

/**
 * Extension fields: EQ_/GT_/GE_/LT_/LE_/EXISTS_ on a top-level extension field (`ex:field`),
 * on an ILMD field (`_ILMD_`), or anywhere nested inside extensions (`_INNER_`). Field names
 * match as the client captured them (the namespace prefix or full IRI of the document).
 */
export function jsonFieldFilter(
  op: Op,
  inner: boolean,
  ilmd: boolean,
  key: string,
  values: string[],
): Condition | string {
  const base = ilmd ? sql`e.doc->'ilmd'` : sql`e.doc`;
  if (op !== 'EXISTS' && values.length === 0) return 'needs a value';
  if (inner) {
    const path = `strict $.**.${JSON.stringify(key)}`;
    if (op === 'EXISTS') return sql`jsonb_path_exists(${base}, ${path}::jsonpath)`;
    if (op === 'EQ') {
      return sql`(${sql.join(
        values.map(
          (v) => sql`jsonb_path_exists(${base}, ${`${path} ? (@ == $v || @ == $n)`}::jsonpath,
          jsonb_build_object('v', ${v}::text, 'n', ${numberOrNull(v)}::float8))`,
        ),
        sql` OR `,
      )})`;
    }
    return 'INNER comparisons other than EQ and EXISTS are not supported';
  }
  const field = sql`${base}->${key}`;
  if (op === 'EXISTS') return sql`(${field}) IS NOT NULL`;
  if (op === 'EQ') return sql`${base}->>${key} = ANY(${values}::text[])`;
  const n = numberOrNull(values[0] as string);
  if (n === null) return 'must be a number';
  const operator = { GT: '>', GE: '>=', LT: '<', LE: '<=' }[op];
  return sql`(CASE WHEN jsonb_typeof(${field}) = 'number' THEN (${base}->>${key})::float8 END) ${sql.raw(operator)} ${n}`;
}

function numberOrNull(v: string): number | null {
  return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v) ? Number(v) : null;
}

import { type RawBuilder, sql } from 'kysely';
import type { StoredEvent } from '../../epcis/capture/checks.js';

/** The calendar day in China of a timestamptz expression (warnings judge days as the regulators do). */
export const chinaDay = (at: RawBuilder<unknown>) => sql`(${at} AT TIME ZONE 'Asia/Shanghai')::date`;

/**
 * A text value that starts with an ISO date, as a date; NULL otherwise, also for a day that does not
 * exist (2026-02-30): a rule never fails on what an event wrote. The nested CASE keeps the order.
 */
export const asDate = (text: RawBuilder<unknown>) =>
  sql`(CASE WHEN ${text} ~ '^[1-9]\\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])' THEN
    CASE WHEN substr(${text}, 9, 2)::int <= extract(day FROM make_date(substr(${text}, 1, 4)::int,
      substr(${text}, 6, 2)::int, 1) + interval '1 month - 1 day') THEN left(${text}, 10)::date END END)`;

/**
 * A number an event carries as JSON (a jsonb expression), as numeric; NULL when there is none. The
 * template engine writes a number with a unit as {"suyuan:value": 12.5, "suyuan:unit": "KGM"} and one
 * without as a plain number; other channels may send a numeric string. Never fails on odd values.
 */
export const jsonNumber = (value: RawBuilder<unknown>) =>
  sql`(CASE jsonb_typeof(${value})
    WHEN 'number' THEN (${value})::numeric
    WHEN 'string' THEN CASE WHEN ${value} #>> '{}' ~ '^\\s*[-+]?\\d{1,15}(\\.\\d{1,15})?\\s*$'
      THEN trim(${value} #>> '{}')::numeric END
    WHEN 'object' THEN CASE WHEN jsonb_typeof(${value} -> 'suyuan:value') = 'number'
      THEN (${value} -> 'suyuan:value')::numeric END END)`;

/** The unit of a number written {"suyuan:value", "suyuan:unit"} (NULL for a plain number). */
export const jsonUnit = (value: RawBuilder<unknown>) =>
  sql`(CASE WHEN jsonb_typeof(${value}) = 'object' THEN upper(${value} ->> 'suyuan:unit') END)`;

/**
 * A duration in days from a JSON number: plain (days), or with a UN/CEFACT unit DAY, WEE (weeks),
 * HUR (hours) or MON (months of 30 days); NULL for any other unit or a value out of 0–36500 days.
 */
export const jsonDays = (value: RawBuilder<unknown>) => sql`(SELECT CASE WHEN d BETWEEN 0 AND 36500 THEN d END
  FROM (SELECT ${jsonNumber(value)} * CASE coalesce(${jsonUnit(value)}, 'DAY')
    WHEN 'DAY' THEN 1 WHEN 'WEE' THEN 7 WHEN 'HUR' THEN 1 / 24.0 WHEN 'MON' THEN 30 END AS d) x)`;

/** Events that commission (赋码) identifiers: CBV commissioning, or an ObjectEvent ADD. */
export const commissions = (e: string) =>
  sql.raw(`(${e}.biz_step = 'commissioning' OR (${e}.event_type = 'ObjectEvent' AND ${e}.action = 'ADD'))`);

/**
 * The steps lineage counts as sales ('sold' movements, src/trace/derive.ts): CBV retail_selling and
 * the meat-and-vegetable template's wholesale-market trade. Rules over sales look at batches with one.
 */
export const sellingSteps: readonly string[] = ['retail_selling', 'urn:suyuan:bizstep:wholesale_trade'];

export const hasBizStep = (events: StoredEvent[], steps: readonly string[]) =>
  events.some((e) => e.event.bizStep !== null && steps.includes(e.event.bizStep));

/**
 * The enterprise behind a party or location identifier, as SQL: a location's enterprise, the credit
 * code an identifier spells (urn:suyuan:party:…, or bare; filed here or not), or the enterprise
 * with that GLN.
 */
export const enterpriseOfParty = (id: RawBuilder<unknown>) => sql<string | null>`coalesce(
  (SELECT l.enterprise FROM locations l WHERE l.identifier = ${id}),
  substring(${id} FROM '^(?:urn:suyuan:(?:party|enterprise):)?([0-9A-HJ-NPQRTUWXY]{18})$'),
  (SELECT en.credit_code FROM enterprises en
    WHERE en.gln = substring(${id} FROM '^https://id\\.gs1\\.org/41[47]/([0-9]{13})')))`;

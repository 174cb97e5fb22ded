import { checkCreditCode } from '../identifiers/china/credit-code.js';
import { detectIdentifier } from '../identifiers/detect.js';
import { canonicalEpc } from '../identifiers/epc.js';
import { parseGln, parseGtin } from '../identifiers/gs1/keys.js';
import { parseSuyuanCode } from '../identifiers/suyuan-code.js';
import { defaultOffset, type FieldValue, type TemplateField } from './model.js';

/** A field value after checking: plain JSON in the form the event carries. */
export type Normalised = string | number | boolean | { value: number; unit: string };

export type Checked = { ok: true; value: Normalised | Normalised[] } | { ok: false; message: string };

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** Units that convert into each other (UN/CEFACT rec 20 codes), as factors of the first. */
const unitFactors: Record<string, [string, number]> = {
  KGM: ['KGM', 1],
  GRM: ['KGM', 0.001],
  MGM: ['KGM', 0.000001],
  TNE: ['KGM', 1000],
  LTR: ['LTR', 1],
  MLT: ['LTR', 0.001],
  MTQ: ['LTR', 1000],
  MTR: ['MTR', 1],
  CMT: ['MTR', 0.01],
  MMT: ['MTR', 0.001],
  KMT: ['MTR', 1000],
  MPA: ['MPA', 1],
  KPA: ['MPA', 0.001],
  BAR: ['MPA', 0.1],
};

/** `value` in `from` expressed in `to`, when the two units convert (else undefined). */
export function convertUnit(value: number, from: string, to: string): number | undefined {
  if (from === to) return value;
  const a = unitFactors[from];
  const b = unitFactors[to];
  if (!a || !b || a[0] !== b[0]) return undefined;
  return (value * a[1]) / b[1];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A datetime with its offset (China Standard Time when it had none), or undefined. */
export function normaliseDatetime(text: string): string | undefined {
  const m = DATETIME.exec(text.trim());
  if (!m || !isCalendarDate(m[1] as string)) return undefined;
  const [hh, mm, ss] = [Number(m[2]), Number(m[3]), Number(m[4] ?? '0')];
  if (hh > 23 || mm > 59 || ss > 59) return undefined;
  const offset = m[6] === undefined ? defaultOffset : m[6] === 'Z' ? '+00:00' : m[6];
  return `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}${m[5] ?? ''}${offset}`;
}

/** The instant of a date (midnight China Standard Time) or datetime, in ms. */
export function instantOf(type: 'date' | 'datetime', value: string): number {
  return Date.parse(type === 'date' ? `${value}T00:00:00${defaultOffset}` : value);
}

/** Today's date where the day starts earliest (UTC+14), so no local "today" is called the future. */
export function latestToday(now: Date): string {
  return new Date(now.getTime() + 14 * 3600_000).toISOString().slice(0, 10);
}

const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/;

/** The URI a code value names in an EPCIS event. */
function codeUriOf(
  raw: string,
  scheme?: string,
): { ok: true; value: string } | { ok: false; message: string } {
  const value = raw.trim();
  const detection = detectIdentifier(value);
  // a field with its own scheme (elevator 设备代码, cylinder 钢印号…) takes plain values as such
  if (
    scheme &&
    /^[\w.:/-]{1,64}$/.test(value) &&
    [
      'drug-trace-code',
      'vet-drug-code',
      'gtin',
      'sscc',
      'region-code',
      'credit-code',
      'element-string',
      'unknown',
    ].includes(detection.scheme)
  ) {
    return { ok: true, value: `urn:suyuan:${scheme}:${value}` };
  }
  switch (detection.scheme) {
    case 'suyuan-code':
      return detection.valid
        ? { ok: true, value: `urn:suyuan:code:${value}` }
        : fail(detection.errors.join('; '));
    case 'drug-trace-code':
      if (detection.valid) return { ok: true, value: `urn:suyuan:drug:${value}` };
      break;
    case 'vet-drug-code':
      if (detection.valid) return { ok: true, value: `urn:suyuan:vetdrug:${value}` };
      break;
    case 'digital-link':
    case 'epc-urn':
    case 'uri': {
      const canonical = canonicalEpc(value);
      return canonical.ok ? { ok: true, value: canonical.value } : fail(canonical.error);
    }
    case 'element-string':
    case 'gtin':
    case 'sscc':
      if (detection.valid && detection.forms.digitalLink) {
        const canonical = canonicalEpc(detection.forms.digitalLink);
        if (canonical.ok) return { ok: true, value: canonical.value };
      }
      break;
  }
  if (scheme && /^[\w.:/-]{1,64}$/.test(value)) return { ok: true, value: `urn:suyuan:${scheme}:${value}` };
  if (!detection.valid && detection.scheme !== 'unknown') return fail(detection.errors.join('; '));
  return fail(
    `"${value}" is not a trace code (a suyuan code, a GS1 key or element string, a drug trace code or a URI)`,
  );
}

/** A party: 统一社会信用代码 (a failed check character is accepted, as DOMAIN.md asks), a GLN or a URI. */
function partyUriOf(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = raw.trim().toUpperCase();
  if (/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(value)) {
    const check = checkCreditCode(value);
    if (check.valid || check.expected !== undefined) return { ok: true, value: `urn:suyuan:party:${value}` };
    return fail(check.errors.join('; '));
  }
  if (/^\d{13}$/.test(value)) {
    const gln = parseGln(value);
    return gln.ok ? { ok: true, value: `https://id.gs1.org/417/${gln.value}` } : fail(gln.error);
  }
  if (ABSOLUTE_URI.test(raw.trim())) {
    const canonical = canonicalEpc(raw.trim());
    return canonical.ok ? { ok: true, value: canonical.value } : fail(canonical.error);
  }
  return fail(`"${raw}" is not a party: give a 统一社会信用代码 (18 characters), a GLN or a URI`);
}

function productUriOf(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = raw.trim();
  if (/^\d{8}$|^\d{12,14}$/.test(value)) {
    const gtin = parseGtin(value);
    return gtin.ok ? { ok: true, value: `https://id.gs1.org/01/${gtin.value}` } : fail(gtin.error);
  }
  if (ABSOLUTE_URI.test(value)) {
    const canonical = canonicalEpc(value);
    return canonical.ok ? { ok: true, value: canonical.value } : fail(canonical.error);
  }
  if (/^[\w.-]{1,64}$/.test(value)) return { ok: true, value: `urn:suyuan:product:${value}` };
  return fail(`"${raw}" is not a product: give a GTIN, a product code or a URI`);
}

function locationUriOf(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const value = raw.trim();
  if (/^\d{13}$/.test(value)) {
    const gln = parseGln(value);
    return gln.ok ? { ok: true, value: `https://id.gs1.org/414/${gln.value}` } : fail(gln.error);
  }
  if (ABSOLUTE_URI.test(value)) {
    const canonical = canonicalEpc(value);
    return canonical.ok ? { ok: true, value: canonical.value } : fail(canonical.error);
  }
  return fail(`"${raw}" is not a location: give a GLN or a location identifier (urn:suyuan:loc:…)`);
}

type UriResult = { ok: true; value: string } | { ok: false; message: string };

/** Pure conversions memoised: parties, places, products and lot codes repeat across rows. */
function memo(fn: (raw: string, scheme?: string) => UriResult): (raw: string, scheme?: string) => UriResult {
  const cache = new Map<string, UriResult>();
  return (raw, scheme) => {
    const key = scheme === undefined ? raw : `${scheme}\u0000${raw}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const result = fn(raw, scheme);
    if (cache.size >= 20_000) cache.clear();
    cache.set(key, result);
    return result;
  };
}

const SUYUAN = /^[A-Z]{2}\d{0,4}[BSCA][0-9A-Z]{10,14}$/;

/** The URI a code value names in an EPCIS event. */
export const codeUri = memo((raw, scheme) => {
  const value = raw.trim();
  // the platform's own codes are the most common: parsed without the general detection
  if (SUYUAN.test(value)) {
    const code = parseSuyuanCode(value);
    if (code.ok) return { ok: true, value: `urn:suyuan:code:${value}` };
  }
  return codeUriOf(raw, scheme);
});
/** A party: 统一社会信用代码 (a failed check character is accepted, as DOMAIN.md asks), a GLN or a URI. */
export const partyUri = memo(partyUriOf);
export const productUri = memo(productUriOf);
export const locationUri = memo(locationUriOf);

const truthy = new Set(['true', '1', 'yes', 'y', '是', '合格', '有', '√']);
const falsy = new Set(['false', '0', 'no', 'n', '否', '不合格', '无', '×']);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

function checkNumber(field: TemplateField, raw: unknown): Checked {
  let value: number;
  let unit = field.unit;
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'string') {
    const m = /^\s*([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*([A-Za-z0-9]{1,8})?\s*$/.exec(raw);
    if (!m)
      return fail(
        `expected a number${field.unit ? ` (with an optional unit, e.g. "12.5 ${field.unit}")` : ''}, not "${raw}"`,
      );
    value = Number(m[1]);
    if (m[2] !== undefined) unit = m[2].toUpperCase();
  } else if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const o = raw as Record<string, unknown>;
    if (typeof o.value !== 'number' || (o.unit !== undefined && typeof o.unit !== 'string'))
      return fail('expected {value: number, unit: string}');
    value = o.value;
    if (typeof o.unit === 'string') unit = o.unit.toUpperCase();
  } else return fail(`expected a number, not ${describe(raw)}`);
  if (!Number.isFinite(value)) return fail('expected a finite number');
  if (field.integer && !Number.isInteger(value)) return fail(`expected a whole number, not ${value}`);
  const accepted = field.units ?? (field.unit ? [field.unit] : []);
  if (unit !== undefined && unit !== field.unit && !accepted.includes(unit)) {
    return fail(
      accepted.length === 0
        ? `this value takes no unit, not ${unit}`
        : `the unit ${unit} does not fit; use ${accepted.join(', ')}`,
    );
  }
  const inDefault = unit && field.unit ? (convertUnit(value, unit, field.unit) ?? value) : value;
  if (field.min !== undefined && inDefault < field.min)
    return fail(`must be at least ${field.min}${field.unit ? ` ${field.unit}` : ''}`);
  if (field.max !== undefined && inDefault > field.max)
    return fail(`must be at most ${field.max}${field.unit ? ` ${field.unit}` : ''}`);
  return { ok: true, value: unit ? { value, unit } : value };
}

function checkText(field: TemplateField, raw: unknown): Checked {
  if (typeof raw === 'number' && Number.isFinite(raw)) raw = String(raw);
  if (typeof raw !== 'string') return fail(`expected text, not ${describe(raw)}`);
  const value = raw.trim();
  const max = field.maxLength ?? 500;
  if ([...value].length > max) return fail(`must have at most ${max} characters`);
  if (field.pattern && !new RegExp(`^(?:${field.pattern})$`, 'u').test(value))
    return fail(`"${value}" does not have the expected form (${field.pattern})`);
  return { ok: true, value };
}

/** Checks and normalises one value (not a list) of a field; `now` decides what "the future" is. */
export function checkOne(field: TemplateField, raw: unknown, now: Date): Checked {
  switch (field.type) {
    case 'text':
      return checkText(field, raw);
    case 'number':
      return checkNumber(field, raw);
    case 'boolean': {
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      const text =
        typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim().toLowerCase() : undefined;
      if (text !== undefined && truthy.has(text)) return { ok: true, value: true };
      if (text !== undefined && falsy.has(text)) return { ok: true, value: false };
      return fail(`expected true or false, not ${describe(raw)}`);
    }
    case 'enum': {
      if (typeof raw !== 'string' && typeof raw !== 'number')
        return fail(`expected one of the listed values, not ${describe(raw)}`);
      const text = String(raw).trim();
      const option = (field.enum ?? []).find(
        (o) => o.value === text || o.label.zh === text || o.label.en.toLowerCase() === text.toLowerCase(),
      );
      if (!option) {
        const list = (field.enum ?? []).map((o) => `${o.value} (${o.label.zh})`).join(', ');
        return fail(`"${text}" is not one of: ${list}`);
      }
      return { ok: true, value: option.value };
    }
    case 'date': {
      if (typeof raw !== 'string') return fail(`expected a date YYYY-MM-DD, not ${describe(raw)}`);
      let value = raw.trim();
      const dt = normaliseDatetime(value);
      if (!isCalendarDate(value) && dt && dt.slice(11, 19) === '00:00:00') value = dt.slice(0, 10);
      if (!isCalendarDate(value)) return fail(`expected a date YYYY-MM-DD, not "${raw}"`);
      if (!field.allowFuture && value > latestToday(now)) return fail(`${value} is in the future`);
      return { ok: true, value };
    }
    case 'datetime': {
      if (typeof raw !== 'string') return fail(`expected a date and time (ISO 8601), not ${describe(raw)}`);
      const value = normaliseDatetime(raw);
      if (!value) return fail(`expected a date and time such as 2026-11-24T08:30:00+08:00, not "${raw}"`);
      if (!field.allowFuture && Date.parse(value) > now.getTime() + 5 * 60_000)
        return fail(`${value} is in the future`);
      return { ok: true, value };
    }
    case 'time': {
      if (typeof raw !== 'string') return fail(`expected a time HH:MM, not ${describe(raw)}`);
      const m = TIME.exec(raw.trim());
      if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59)
        return fail(`expected a time HH:MM or HH:MM:SS, not "${raw}"`);
      return { ok: true, value: `${m[1]}:${m[2]}:${m[3] ?? '00'}` };
    }
    case 'code':
    case 'party':
    case 'product':
    case 'location':
    case 'file': {
      if (typeof raw === 'number' && Number.isSafeInteger(raw)) raw = String(raw);
      if (typeof raw !== 'string')
        return fail(`expected a ${field.type} identifier (text), not ${describe(raw)}`);
      if (raw.trim() === '') return fail('is empty');
      const text = checkText({ ...field, maxLength: field.maxLength ?? 2000 }, raw);
      if (!text.ok) return text;
      const r =
        field.type === 'code'
          ? codeUri(raw, field.scheme)
          : field.type === 'party'
            ? partyUri(raw)
            : field.type === 'product'
              ? productUri(raw)
              : field.type === 'location'
                ? locationUri(raw)
                : ABSOLUTE_URI.test(raw.trim())
                  ? { ok: true as const, value: raw.trim() }
                  : fail(`expected the URI of a file (https://… or urn:…), not "${raw}"`);
      return r.ok ? { ok: true, value: r.value } : r;
    }
  }
}

/** Splits a text list (Excel cells, CSV): commas, semicolons, new lines, Chinese punctuation. */
function asList(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (typeof raw === 'string')
    return raw
      .split(/[\n,;，；、]+/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  return [raw];
}

export function isEmpty(raw: unknown): boolean {
  return (
    raw === null ||
    raw === undefined ||
    (typeof raw === 'string' && raw.trim() === '') ||
    (Array.isArray(raw) && raw.length === 0)
  );
}

/** Checks a present value of a field (a list when the field is `multiple`). */
export function checkValue(field: TemplateField, raw: FieldValue | unknown, now: Date): Checked {
  if (!field.multiple) {
    if (Array.isArray(raw)) return fail('expected one value, not a list');
    return checkOne(field, raw, now);
  }
  const out: Normalised[] = [];
  const items = asList(raw);
  for (const [i, item] of items.entries()) {
    const r = checkOne(field, item, now);
    if (!r.ok) return fail(items.length > 1 ? `item ${i + 1}: ${r.message}` : r.message);
    if (['code', 'party', 'product', 'location'].includes(field.type) && out.includes(r.value as Normalised))
      return fail(`${String(item)} is listed twice`);
    out.push(r.value as Normalised);
  }
  return { ok: true, value: out };
}

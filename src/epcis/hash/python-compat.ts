/**
 * Small emulations of Python behaviour that the reference implementation of the CBV 2.0 event hash
 * (RalphTro/epcis-event-hash-generator, a Python program) relies on, so that the pre-hash strings are
 * byte-identical: `str.strip()`, string ordering, `float()`/`str()` number formatting and the
 * `dateutil` + `round()` timestamp normalisation.
 */

/** Python's str.isspace() set (differs from String.prototype.trim: \x1c-\x1f and \x85 yes, \ufeff no). */
const PY_WS =
  '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const PY_STRIP = new RegExp(`^${PY_WS}+|${PY_WS}+$`, 'g');

/** Whether a UTF-16 code unit is in PY_WS. */
function isPyWhitespace(c: number): boolean {
  if (c > 0x20 && c < 0x85) return false;
  return (
    (c >= 0x09 && c <= 0x0d) ||
    (c >= 0x1c && c <= 0x20) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

export function pyStrip(text: string): string {
  // Most values have no surrounding whitespace: no regular expression for them.
  if (
    text === '' ||
    (!isPyWhitespace(text.charCodeAt(0)) && !isPyWhitespace(text.charCodeAt(text.length - 1)))
  )
    return text;
  return text.replace(PY_STRIP, '');
}

/** Python `str` ordering: by Unicode code point (JS `<` compares UTF-16 code units). */
export function comparePy(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (U+D800..U+DFFF) stands for a code point above U+FFFF: it sorts after U+E000..U+FFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Whether a string has a surrogate, the only case where code unit and code point order differ. */
export const hasSurrogate = (text: string): boolean => SURROGATE.test(text);

/** Sorts in place by UTF-16 code units: Python order for strings without surrogates. */
export const sortCodeUnits = (values: string[]): string[] => (values.length < 2 ? values : values.sort());

/**
 * Sorts in place in Python order. Without surrogates, UTF-16 code unit order (JS `<`) is code point
 * order, so the default sort (by code units) gives the same result as comparePy, faster.
 */
export function sortPy(values: string[]): string[] {
  if (values.length < 2) return values;
  for (const v of values) if (hasSurrogate(v)) return values.sort(comparePy);
  return sortCodeUnits(values);
}

/** What Python's float() accepts, for ASCII digits (Python also takes other Unicode decimal digits). */
const DIGITS = '\\d(?:_?\\d)*';
const PY_FLOAT = new RegExp(`^[+-]?(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`);

/** Python's repr() of a float that is not an integer: fixed notation for 1e-4 <= |x| < 1e16. */
function pyFloatRepr(x: number): string {
  const abs = Math.abs(x);
  if (abs >= 1e-4 && abs < 1e16) return String(x);
  // '1.5e-5' -> '1.5e-05' (Python pads the exponent to two digits)
  return x.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
}

/**
 * `_try_format_numeric`: if Python's float() parses the text, integers lose a trailing `.0` (and pass
 * through a double, so very long digit strings are rounded), other numbers take Python's repr.
 * NaN and infinities stay as they are (the reference leaves NaN unchanged and fails on infinities).
 */
export function pyNumeric(text: string): string {
  if (!PY_FLOAT.test(text)) return text;
  const x = Number(text.replaceAll('_', ''));
  if (!Number.isFinite(x)) return text;
  if (Number.isInteger(x)) return BigInt(x).toString();
  return pyFloatRepr(x);
}

/** A JSON scalar as Python's str() writes it after json.loads. */
export function pyScalar(value: unknown): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number')
    return Number.isInteger(value) ? BigInt(value).toString() : pyFloatRepr(value);
  return String(value);
}

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

const NORMAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * `_fix_time_stamp_format`: the instant in UTC at millisecond precision, `YYYY-MM-DDTHH:MM:SS.mmmZ`.
 * Like dateutil, fractional digits beyond the sixth are cut off; the microseconds are then rounded to
 * milliseconds with Python's round(x, -3), which rounds half to even. Text that is not an ISO 8601
 * date-time comes back unchanged (the reference does the same when dateutil cannot parse it).
 * Differences from the reference, all for inputs the reference mishandles: a time without offset is
 * taken as UTC (the reference uses the local zone of the machine it runs on), and rounding .9995 s up
 * carries into the next second (the reference raises and drops the event).
 */
export function fixTimestamp(text: string): string {
  // Already in the output format: every path below gives the text back (normalised, or unchanged if invalid)
  if (NORMAL_TIME.test(text)) return text;
  const m = ISO_TIME.exec(text);
  if (!m) return text;
  const [, y, mo, d, h, mi, s = '0', frac = '', zone = 'Z'] = m;
  const micro = Number(frac.slice(0, 6).padEnd(6, '0'));
  let ms = Math.floor(micro / 1000);
  const rest = micro % 1000;
  if (rest > 500 || (rest === 500 && ms % 2 === 1)) ms += 1;
  let offsetMin = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    offsetMin = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0'));
  }
  const parts = [Number(mo), Number(d), Number(h), Number(mi), Number(s)];
  const [month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return text;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), month - 1, day);
  if (date.getUTCDate() !== day) return text; // e.g. 31 April
  date.setUTCHours(hour, minute - offsetMin, second, ms);
  const yy = date.getUTCFullYear();
  if (yy < 1 || yy > 9999) return text;
  return (
    `${pad(yy, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}T` +
    `${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}.` +
    `${pad(date.getUTCMilliseconds(), 3)}Z`
  );
}

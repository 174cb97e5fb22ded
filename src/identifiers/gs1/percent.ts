import { fail, ok, type Parsed } from '../parsed.js';

/** Decodes %XX escapes (UTF-8); a stray `%` or a bad sequence is an error. */
export function percentDecode(text: string): Parsed<string> {
  if (/%(?![0-9A-Fa-f]{2})/.test(text))
    return fail(`"${text}" has a % that is not followed by two hex digits`);
  try {
    return ok(decodeURIComponent(text));
  } catch {
    return fail(`"${text}" has invalid percent-encoding`);
  }
}

/**
 * A value as written in a GS1 Digital Link path or query: only RFC 3986 unreserved characters stay as they
 * are; every other character of CSET 82 is percent-encoded, as the DL grammar's XSYMBOL rule spells out.
 */
export function encodeDlValue(value: string): string {
  return value.replace(/[^A-Za-z0-9\-._~]/g, (char) =>
    Array.from(
      new TextEncoder().encode(char),
      (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    ).join(''),
  );
}

// EPC Tag Data Standard, table "Characters permitted in the EPC URI": these must be escaped; the rest of
// CSET 82 (and `#` in a CPI, which the TDS also escapes) are written as they are.
const EPC_ESCAPES: Record<string, string> = {
  '"': '%22',
  '%': '%25',
  '&': '%26',
  '/': '%2F',
  '<': '%3C',
  '>': '%3E',
  '?': '%3F',
  '#': '%23',
};

export function encodeEpcValue(value: string): string {
  return value.replace(/["%&/<>?#]/g, (char) => EPC_ESCAPES[char] ?? char);
}

import { fail, ok, type Parsed } from '../parsed.js';
import { aiValueError } from './ai.js';
import { checkDigitError, gs1CheckDigit } from './check-digit.js';

export { gs1CheckDigit } from './check-digit.js';

/** The digits with their GS1 check digit appended. */
export function withCheckDigit(body: string): string {
  return body + gs1CheckDigit(body);
}

function digitsKey(value: string, name: string, lengths: number[]): Parsed<string> {
  if (!/^\d+$/.test(value)) return fail(`${name} should contain only digits`);
  if (!lengths.includes(value.length)) {
    return fail(`${name} should have ${lengths.join(', ').replace(/, (\d+)$/, ' or $1')} digits`);
  }
  const error = checkDigitError(value, name);
  return error ? fail(error) : ok(value);
}

/** A GTIN-8, -12, -13 or -14, returned as 14 digits. */
export function parseGtin(value: string): Parsed<string> {
  const result = digitsKey(value, 'GTIN', [8, 12, 13, 14]);
  return result.ok ? ok(result.value.padStart(14, '0')) : result;
}

export function parseGln(value: string): Parsed<string> {
  return digitsKey(value, 'GLN', [13]);
}

export function parseSscc(value: string): Parsed<string> {
  return digitsKey(value, 'SSCC', [18]);
}

export function parseGsrn(value: string): Parsed<string> {
  return digitsKey(value, 'GSRN', [18]);
}

function aiKey(ai: string, value: string): Parsed<string> {
  const error = aiValueError(ai, value);
  return error ? fail(error) : ok(value);
}

/** GRAI as in AI 8003: a filler 0, 13 digits with check digit, optional serial of up to 16 characters. */
export function parseGrai(value: string): Parsed<string> {
  return aiKey('8003', value);
}

/** GIAI: company prefix and asset reference, up to 30 characters (AI 8004). */
export function parseGiai(value: string): Parsed<string> {
  return aiKey('8004', value);
}

/** GDTI: 13 digits with check digit, optional serial of up to 17 characters (AI 253). */
export function parseGdti(value: string): Parsed<string> {
  return aiKey('253', value);
}

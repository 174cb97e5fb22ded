/**
 * suyuan trace codes (the platform's own codes).
 *
 *   PREFIX  KIND  BODY  CHECK          e.g.  CN46 S 7Q2MZ0K9XW4RT V   ->  CN46S7Q2MZ0K9XW4RTV
 *
 * - Alphabet: 0-9 and A-Z without I, L, O, U (Crockford's 32 characters), so codes are URL-safe, upper case,
 *   and free of the letters people confuse with 1, 0 and V. Lower case and those letters are reported, not
 *   silently fixed: a code is printed and scanned, and a "corrected" code may be another valid code.
 * - PREFIX names the issuing platform node: two letters, then up to four digits (e.g. 'HN', 'CN46' for a
 *   node serving GB/T 2260 region 46). The first letter after the digits ends the prefix.
 * - KIND: B lot/batch (批次), S serialised item (单品), C logistics unit (物流单元), A asset (资产).
 * - BODY: random characters from a CSPRNG, 5 bits each: 13 for items (65 bits, unguessable), 10 otherwise.
 *   Uniqueness is the store's job (unique index, retry on collision).
 * - CHECK: one character. Each character is read as an element of GF(32) (polynomial x^5 + x^2 + 1, primitive
 *   element a) and the check makes sum(a^i * c_i) = 0 over all positions i. A substitution at i changes the
 *   sum by a^i * d with d != 0, which is never 0 in a field; swapping neighbours x, y at i and i+1 changes it by
 *   a^i * (x - y) * (1 - a), non-zero because a != 1. With a of order 31 the same holds for any two positions
 *   fewer than 31 apart, so every single substitution and every transposition in a code of <= 24 characters
 *   is detected.
 * - Total length at most 24 characters.
 */
import { randomBytes } from 'node:crypto';
import { fail, ok, type Parsed } from './parsed.js';

export const SUYUAN_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SUYUAN_KINDS = { lot: 'B', item: 'S', logisticUnit: 'C', asset: 'A' } as const;
export type SuyuanKind = keyof typeof SUYUAN_KINDS;

const BODY_LENGTH: Record<SuyuanKind, number> = { lot: 10, item: 13, logisticUnit: 10, asset: 10 };
const PREFIX = /^[A-HJKMNP-TV-Z]{2}[0-9]{0,4}$/;

// GF(32) with x^5 + x^2 + 1: EXP[i] = a^i, LOG[EXP[i]] = i.
const EXP: number[] = [];
const LOG: number[] = new Array(32).fill(0);
for (let i = 0, x = 1; i < 31; i++) {
  EXP.push(x);
  LOG[x] = i;
  x <<= 1;
  if (x & 32) x ^= 0b100101;
}

function times(value: number, power: number): number {
  return value === 0 ? 0 : (EXP[((LOG[value] ?? 0) + power) % 31] ?? 0);
}

/** Value of each character code in the alphabet (-1 outside it). */
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < SUYUAN_ALPHABET.length; i++) VALUE[SUYUAN_ALPHABET.charCodeAt(i)] = i;

/** The check character that makes `payload + check` sum to zero. */
export function suyuanCheckCharacter(payload: string): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) sum ^= times(VALUE[payload.charCodeAt(i)] ?? -1, i);
  // c * a^n = sum  =>  c = sum * a^(31 - n)
  return SUYUAN_ALPHABET.charAt(times(sum, (31 - (payload.length % 31)) % 31));
}

export type IssueOptions = {
  prefix: string;
  kind: SuyuanKind;
  /** Source of random bytes; crypto by default, replaceable in tests. */
  random?: (size: number) => Uint8Array;
};

export function issueSuyuanCode({ prefix, kind, random = randomBytes }: IssueOptions): string {
  if (!PREFIX.test(prefix))
    throw new Error(`trace code prefix "${prefix}" should be 2 letters then up to 4 digits`);
  const length = BODY_LENGTH[kind];
  const bytes = random(Math.ceil((length * 5) / 8));
  let body = '';
  for (let i = 0; i < length; i++) {
    const bit = i * 5;
    const pair = ((bytes[bit >> 3] ?? 0) << 8) | (bytes[(bit >> 3) + 1] ?? 0);
    body += SUYUAN_ALPHABET.charAt((pair >> (11 - (bit & 7))) & 31);
  }
  const payload = `${prefix}${SUYUAN_KINDS[kind]}${body}`;
  return payload + suyuanCheckCharacter(payload);
}

export type SuyuanCode = { prefix: string; kind: SuyuanKind; body: string; check: string };

const LOOK_ALIKES: Record<string, string> = { I: '1', L: '1', O: '0', U: 'V' };
const KIND_BY_LETTER = new Map<string, SuyuanKind>(
  Object.entries(SUYUAN_KINDS).map(([kind, letter]) => [letter, kind as SuyuanKind]),
);

const ONLY_ALPHABET = /^[0-9A-HJKMNP-TV-Z]*$/;

export function parseSuyuanCode(code: string): Parsed<SuyuanCode> {
  // the usual case (every character from the alphabet) skips the character-by-character reasons
  if (!ONLY_ALPHABET.test(code)) {
    if (code !== code.toUpperCase()) return fail(`trace codes are upper case: ${code.toUpperCase()}?`);
    const confusable = [...code].find((char) => LOOK_ALIKES[char]);
    if (confusable)
      return fail(`trace codes never contain ${confusable}; did you mean ${LOOK_ALIKES[confusable]}?`);
    const foreign = [...code].find((char) => !SUYUAN_ALPHABET.includes(char));
    if (foreign !== undefined) return fail(`trace codes never contain "${foreign}"`);
  }
  if (code.length > 24) return fail('a trace code has at most 24 characters');
  const match = /^([A-Z]{2}[0-9]{0,4})([A-Z])([0-9A-Z]+)([0-9A-Z])$/.exec(code);
  const kind = match ? KIND_BY_LETTER.get(match[2] ?? '') : undefined;
  if (!match || !kind)
    return fail('not a trace code: expected prefix, kind letter (B, S, C or A), body, check');
  const [, prefix = '', , body = '', check = ''] = match;
  if (body.length !== BODY_LENGTH[kind])
    return fail(`a ${kind} trace code has ${BODY_LENGTH[kind]} body characters`);
  const expected = suyuanCheckCharacter(code.slice(0, -1));
  if (check !== expected) return fail('the trace code is mistyped: its check character does not match');
  return ok({ prefix, kind, body, check });
}

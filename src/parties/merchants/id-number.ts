import { isCalendarDay, todayInChina } from '../common.js';

// 居民身份证号码 (GB 11643-1999): 6 region digits, 8 birth-date digits, 3 sequence digits and an
// ISO 7064 MOD 11-2 check character (0-9 or X). The region part is not checked against today's
// GB/T 2260: numbers issued under retired region codes stay valid for life.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberCheck(first17: string): string {
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * (WEIGHTS[i] ?? 0), 0);
  return CHECK.charAt(sum % 11);
}

export type IdNumberResult = { ok: true; value: string } | { ok: false; error: string };

export function checkIdNumber(raw: string): IdNumberResult {
  const value = raw.trim().toUpperCase();
  if (!/^[0-9]{17}[0-9X]$/.test(value)) {
    return { ok: false, error: 'a 居民身份证号 has 18 characters: 17 digits and a check digit or X' };
  }
  const birth = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isCalendarDay(birth) || birth < '1900-01-01' || birth > todayInChina()) {
    return { ok: false, error: `the birth date ${birth} in the number is not a possible date` };
  }
  const expected = idNumberCheck(value.slice(0, 17));
  if (value.charAt(17) !== expected) {
    return { ok: false, error: `the check character should be ${expected}` };
  }
  return { ok: true, value };
}

/** The only form of the number that leaves the server: 4601**********1234. */
export function maskIdNumber(value: string): string {
  return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
}

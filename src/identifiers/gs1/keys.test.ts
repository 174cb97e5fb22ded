import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  gs1CheckDigit,
  parseGdti,
  parseGiai,
  parseGln,
  parseGrai,
  parseGsrn,
  parseGtin,
  parseSscc,
  withCheckDigit,
} from './keys.js';

describe('GS1 keys', () => {
  test('computes check digits of known keys', () => {
    expect(gs1CheckDigit('950600013435')).toBe('2');
    expect(withCheckDigit('950600013430')).toBe('9506000134307');
    expect(withCheckDigit('10614141073464'.slice(0, 13))).toBe('10614141073464');
    expect(withCheckDigit('10614141234567890')).toBe('106141412345678908');
  });

  test('pads GTIN-8, -12 and -13 to 14 digits', () => {
    expect(parseGtin('95010014')).toEqual({ ok: true, value: '00000095010014' });
    expect(parseGtin('614141000036')).toEqual({ ok: true, value: '00614141000036' });
    expect(parseGtin('9506000134352')).toEqual({ ok: true, value: '09506000134352' });
  });

  test.each([
    [parseGtin, '9506000134353', 'GTIN check digit should be 2'],
    [parseGtin, '95060001343', 'GTIN should have 8, 12, 13 or 14 digits'],
    [parseGtin, '950600013435X', 'GTIN should contain only digits'],
    [parseGln, '9506000134306', 'GLN check digit should be 7'],
    [parseSscc, '106141412345678900', 'SSCC check digit should be 8'],
    [parseGsrn, '401234598765400001', 'GSRN check digit should be 0'],
    [parseGrai, '0401234566666487', 'GRAI check digit should be 3'],
    [parseGdti, '4012345555553', 'GDTI check digit should be 4'],
    [parseGiai, `4012345${'A'.repeat(24)}`, 'AI (8004) GIAI is too long'],
  ])('rejects a bad key: %#', (parse, value, error) => {
    expect(parse(value)).toEqual({ ok: false, error });
  });

  test('detects every single-digit substitution in a GTIN', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 13, maxLength: 13 }),
        fc.nat(13),
        fc.nat(9),
        (body, at, digit) => {
          const gtin = withCheckDigit(body);
          const changed = gtin.slice(0, at) + String(digit) + gtin.slice(at + 1);
          expect(parseGtin(changed).ok).toBe(changed === gtin);
        },
      ),
    );
  });
});

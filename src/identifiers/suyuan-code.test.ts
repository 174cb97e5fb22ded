import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { issueSuyuanCode, parseSuyuanCode, SUYUAN_ALPHABET, type SuyuanKind } from './suyuan-code.js';

const kinds: SuyuanKind[] = ['lot', 'item', 'logisticUnit', 'asset'];
const prefix = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...'ABCDEFGHJKMNPQRSTVWXYZ'), minLength: 2, maxLength: 2 }),
    fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 4 }),
  )
  .map(([letters, digits]) => letters + digits);
const code = fc
  .tuple(prefix, fc.constantFrom(...kinds), fc.uint8Array({ minLength: 9, maxLength: 9 }))
  .map(([p, kind, bytes]) => issueSuyuanCode({ prefix: p, kind, random: () => bytes }));

describe('suyuan trace codes', () => {
  test('issue codes that parse back, at most 24 characters long', () => {
    fc.assert(
      fc.property(prefix, fc.constantFrom(...kinds), (p, kind) => {
        const issued = issueSuyuanCode({ prefix: p, kind });
        expect(issued.length).toBeLessThanOrEqual(24);
        expect(parseSuyuanCode(issued)).toMatchObject({ ok: true, value: { prefix: p, kind } });
      }),
    );
  });

  test('give item codes 13 random characters (65 bits) from the random source', () => {
    const issued = issueSuyuanCode({
      prefix: 'CN46',
      kind: 'item',
      random: () => new Uint8Array(9).fill(255),
    });
    expect(issued).toBe(`CN46S${'Z'.repeat(13)}${issued.at(-1)}`);
    expect(parseSuyuanCode(issued).ok).toBe(true);
  });

  test('detect every single-character substitution', () => {
    fc.assert(
      fc.property(code, (valid) => {
        for (let at = 0; at < valid.length; at++) {
          for (const char of SUYUAN_ALPHABET) {
            if (char === valid[at]) continue;
            expect(parseSuyuanCode(valid.slice(0, at) + char + valid.slice(at + 1)).ok).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  test('detect every adjacent transposition', () => {
    fc.assert(
      fc.property(code, (valid) => {
        for (let at = 0; at + 1 < valid.length; at++) {
          if (valid[at] === valid[at + 1]) continue;
          const swapped = valid.slice(0, at) + valid[at + 1] + valid[at] + valid.slice(at + 2);
          expect(parseSuyuanCode(swapped).ok).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('report lower case and look-alike letters instead of fixing them', () => {
    const valid = issueSuyuanCode({ prefix: 'HN', kind: 'lot', random: () => new Uint8Array(7) });
    expect(parseSuyuanCode(valid.toLowerCase())).toEqual({
      ok: false,
      error: `trace codes are upper case: ${valid}?`,
    });
    expect(parseSuyuanCode(valid.replace(/0/, 'O'))).toEqual({
      ok: false,
      error: 'trace codes never contain O; did you mean 0?',
    });
  });

  test('refuse a prefix outside the format', () => {
    expect(() => issueSuyuanCode({ prefix: 'HAINAN', kind: 'lot' })).toThrow(/prefix/);
    expect(() => issueSuyuanCode({ prefix: 'IL', kind: 'lot' })).toThrow(/prefix/);
  });
});

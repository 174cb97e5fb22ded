import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalEpc } from './canonical-epc.js';
import { detectIdentifier } from './detect.js';
import { withCheckDigit } from './gs1/keys.js';

describe('detectIdentifier on any input', () => {
  test('never throws, and is valid exactly when it reports no errors', () => {
    const alphabet = fc.constantFrom(
      ...'0123456789ABCSZabc:/.()%?=&-\u001d]',
      'urn:epc:id:sgtin:',
      'https://x/01/',
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet, maxLength: 30 })), (value) => {
        const detection = detectIdentifier(value);
        expect(detection.valid).toBe(detection.errors.length === 0);
        const canonical = canonicalEpc(value);
        if (canonical.ok) expect(canonicalEpc(canonical.value)).toEqual(canonical);
      }),
      { numRuns: 2000 },
    );
  });

  test('accepts every GTIN-13 with a right check digit and gives its Digital Link', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 12 }),
        (body) => {
          const gtin = withCheckDigit(body);
          expect(detectIdentifier(gtin)).toMatchObject({
            scheme: 'gtin',
            valid: true,
            forms: { digitalLink: `https://id.gs1.org/01/0${gtin}` },
          });
        },
      ),
    );
  });
});

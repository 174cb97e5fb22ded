import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalEpc, epcToUrn } from './epc.js';
import { encodeEpcValue } from './gs1/percent.js';

const CSET82 = [...'!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz'];
const CSET39 = [...'#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

const digits = (min: number, max = min) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const text82 = (max: number) =>
  fc.string({ unit: fc.constantFrom(...CSET82), minLength: 1, maxLength: max }).map(encodeEpcValue);
const text39 = (max: number) =>
  fc.string({ unit: fc.constantFrom(...CSET39), minLength: 1, maxLength: max }).map(encodeEpcValue);
const gcpLength = fc.integer({ min: 6, max: 12 });

/** A URN whose company prefix has `length` digits, followed by a numeric reference filling `total` digits. */
function keyed(total: number, build: (cp: string, ref: string) => fc.Arbitrary<string>) {
  return gcpLength.chain((length) =>
    fc
      .tuple(digits(length), digits(total - length))
      .chain(([cp, ref]) => build(cp, ref))
      .map((urn) => ({ urn, length })),
  );
}

const serialNumber = (max: number) => fc.bigInt({ min: 0n, max: 10n ** BigInt(max) - 1n }).map(String);

const URNS: Record<string, fc.Arbitrary<{ urn: string; length: number }>> = {
  sgtin: keyed(13, (cp, ref) => text82(20).map((s) => `urn:epc:id:sgtin:${cp}.${ref}.${s}`)),
  lgtin: keyed(13, (cp, ref) => text82(20).map((s) => `urn:epc:class:lgtin:${cp}.${ref}.${s}`)),
  sgtinClass: keyed(13, (cp, ref) => fc.constant(`urn:epc:idpat:sgtin:${cp}.${ref}.*`)),
  upui: keyed(13, (cp, ref) => text82(28).map((s) => `urn:epc:id:upui:${cp}.${ref}.${s}`)),
  sscc: keyed(17, (cp, ref) => fc.constant(`urn:epc:id:sscc:${cp}.${ref}`)),
  sgln: keyed(12, (cp, ref) =>
    fc.oneof(text82(20), fc.constant('0')).map((e) => `urn:epc:id:sgln:${cp}.${ref}.${e}`),
  ),
  pgln: keyed(12, (cp, ref) => fc.constant(`urn:epc:id:pgln:${cp}.${ref}`)),
  grai: keyed(12, (cp, ref) => text82(16).map((s) => `urn:epc:id:grai:${cp}.${ref}.${s}`)),
  gdti: keyed(12, (cp, ref) => text82(17).map((s) => `urn:epc:id:gdti:${cp}.${ref}.${s}`)),
  sgcn: keyed(12, (cp, ref) => digits(1, 12).map((s) => `urn:epc:id:sgcn:${cp}.${ref}.${s}`)),
  gsrn: keyed(17, (cp, ref) => fc.constant(`urn:epc:id:gsrn:${cp}.${ref}`)),
  gsrnp: keyed(17, (cp, ref) => fc.constant(`urn:epc:id:gsrnp:${cp}.${ref}`)),
  gsin: keyed(16, (cp, ref) => fc.constant(`urn:epc:id:gsin:${cp}.${ref}`)),
  giai: keyed(12, (cp) => text82(30 - cp.length).map((s) => `urn:epc:id:giai:${cp}.${s}`)),
  ginc: keyed(12, (cp) => text82(30 - cp.length).map((s) => `urn:epc:id:ginc:${cp}.${s}`)),
  cpi: keyed(12, (cp) =>
    fc.tuple(text39(30 - cp.length), serialNumber(12)).map(([r, s]) => `urn:epc:id:cpi:${cp}.${r}.${s}`),
  ),
  itip: keyed(13, (cp, ref) =>
    fc
      .tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 0, max: 98 }), text82(20))
      .map(([total, less, s]) => {
        const piece = Math.max(1, total - less);
        const two = (n: number) => String(n).padStart(2, '0');
        return `urn:epc:id:itip:${cp}.${ref}.${two(piece)}.${two(total)}.${s}`;
      }),
  ),
};

describe('EPC URN and Digital Link round trip', () => {
  test.each(Object.keys(URNS))('epcToUrn(canonicalEpc(urn)) gives the %s URN back', (scheme) => {
    fc.assert(
      fc.property(URNS[scheme] as fc.Arbitrary<{ urn: string; length: number }>, ({ urn, length }) => {
        const canonical = canonicalEpc(urn);
        expect(canonical.ok, JSON.stringify(canonical)).toBe(true);
        if (!canonical.ok) return;
        expect(epcToUrn(canonical.value, length)).toBe(urn);
        expect(canonicalEpc(canonical.value)).toEqual(canonical);
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, test } from 'vitest';
import { canonicalEpc, epcPattern, matchesEpcPattern } from './epc.js';

function canonical(urn: string): string {
  const result = canonicalEpc(urn);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function selects(pattern: string, urns: string[]): boolean[] {
  const parsed = epcPattern(pattern);
  if (!parsed.ok) throw new Error(parsed.error);
  return urns.map((urn) => matchesEpcPattern(parsed.value, canonical(urn)));
}

describe('epcPattern', () => {
  test('gives a serial-wildcard GTIN pattern as the bare GTIN plus everything under it', () => {
    expect(epcPattern('urn:epc:idpat:sgtin:0614141.112345.*')).toEqual({
      ok: true,
      value: {
        exact: 'https://id.gs1.org/01/10614141123459',
        prefix: 'https://id.gs1.org/01/10614141123459/',
      },
    });
    expect(
      selects('urn:epc:idpat:sgtin:0614141.112345.*', [
        'urn:epc:id:sgtin:0614141.112345.400',
        'urn:epc:class:lgtin:0614141.112345.L1',
        'urn:epc:idpat:sgtin:0614141.112345.*',
        'urn:epc:id:sgtin:0614141.112346.400',
      ]),
    ).toEqual([true, true, true, false]);
  });

  test('gives a company-prefix-only pattern as key, company prefix and its position', () => {
    expect(epcPattern('urn:epc:idpat:sgtin:0614141.*.*')).toEqual({
      ok: true,
      value: { key: '01', gcp: '0614141', gcpAt: 23 },
    });
    expect(
      selects('urn:epc:idpat:sgtin:0614141.*.*', [
        'urn:epc:id:sgtin:0614141.112345.400',
        'urn:epc:id:sgtin:0614141.012345.1',
        'urn:epc:id:sgtin:0614142.112345.400',
        'urn:epc:id:sscc:0614141.1234567890',
      ]),
    ).toEqual([true, true, false, false]);
    expect(
      selects('urn:epc:idpat:sscc:0614141.*', [
        'urn:epc:id:sscc:0614141.1234567890',
        'urn:epc:id:sscc:4012345.0111111111',
      ]),
    ).toEqual([true, false]);
    expect(
      selects('urn:epc:idpat:giai:4000001.*', ['urn:epc:id:giai:4000001.111', 'urn:epc:id:giai:4000002.1']),
    ).toEqual([true, false]);
  });

  test('selects locations with and without extension for a location pattern', () => {
    expect(
      selects('urn:epc:idpat:sgln:0614141.00777.*', [
        'urn:epc:id:sgln:0614141.00777.0',
        'urn:epc:id:sgln:0614141.00777.12',
        'urn:epc:id:sgln:0614141.00778.0',
      ]),
    ).toEqual([true, true, false]);
  });

  test('selects every serial of a GRAI asset type by prefix', () => {
    expect(epcPattern('urn:epc:idpat:grai:4012345.55555.*')).toEqual({
      ok: true,
      value: { prefix: 'https://id.gs1.org/8003/04012345555554' },
    });
  });

  test('selects a whole scheme when everything is a wildcard', () => {
    expect(epcPattern('urn:epc:idpat:sscc:*')).toEqual({
      ok: true,
      value: { prefix: 'https://id.gs1.org/00/' },
    });
  });

  test('treats a pattern without wildcards, an EPC URN and a Digital Link as exact', () => {
    const exact = { ok: true, value: { exact: 'https://id.gs1.org/01/10614141123459/21/400' } };
    expect(epcPattern('urn:epc:idpat:sgtin:0614141.112345.400')).toEqual(exact);
    expect(epcPattern('urn:epc:id:sgtin:0614141.112345.400')).toEqual(exact);
    expect(epcPattern('https://example.com/01/10614141123459/21/400?x=1')).toEqual(exact);
  });

  test('rejects a pattern with a concrete part after a wildcard', () => {
    expect(epcPattern('urn:epc:idpat:sgtin:0614141.*.400')).toEqual({
      ok: false,
      error: 'in an EPC pattern, every part after a * should also be *',
    });
  });
});

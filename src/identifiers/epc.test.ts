import { describe, expect, test } from 'vitest';
import { canonicalEpc, epcToUrn, gcpLengthOf, gcpLengthOfUrn } from './epc.js';

// Pairs from the EPCIS 2.0 hash-algorithm vectors (epcisDocWithAllGS1Keys) and the 9.6.x examples.
const PAIRS: [string, string, number][] = [
  ['urn:epc:id:sgtin:0614141.107346.2018', 'https://id.gs1.org/01/10614141073464/21/2018', 7],
  ['urn:epc:id:sgtin:4012345.012345.12', 'https://id.gs1.org/01/04012345123456/21/12', 7],
  ['urn:epc:class:lgtin:4012345.012345.998877', 'https://id.gs1.org/01/04012345123456/10/998877', 7],
  ['urn:epc:class:lgtin:0614141.077777.987', 'https://id.gs1.org/01/00614141777778/10/987', 7],
  ['urn:epc:id:sgln:0614141.00777.0', 'https://id.gs1.org/414/0614141007776', 7],
  ['urn:epc:id:sgln:0614141.00777.12', 'https://id.gs1.org/414/0614141007776/254/12', 7],
  ['urn:epc:id:sgln:4012345.00011.987', 'https://id.gs1.org/414/4012345000115/254/987', 7],
  ['urn:epc:id:sscc:4012345.0000000333', 'https://id.gs1.org/00/040123450000003338', 7],
  ['urn:epc:id:grai:4012345.66666.87', 'https://id.gs1.org/8003/0401234566666387', 7],
  ['urn:epc:id:giai:4012345.AAbb', 'https://id.gs1.org/8004/4012345AAbb', 7],
  ['urn:epc:id:gsrn:4012345.9876540000', 'https://id.gs1.org/8018/401234598765400000', 7],
  ['urn:epc:id:gsrnp:4012345.0000098765', 'https://id.gs1.org/8017/401234500000987658', 7],
  ['urn:epc:id:gdti:4012345.55555.98', 'https://id.gs1.org/253/401234555555498', 7],
  ['urn:epc:id:cpi:4012345.ABC.123', 'https://id.gs1.org/8010/4012345ABC/8011/123', 7],
  ['urn:epc:id:sgcn:4012345.99999.44', 'https://id.gs1.org/255/401234599999044', 7],
  ['urn:epc:id:ginc:4012345.333', 'https://id.gs1.org/401/4012345333', 7],
  ['urn:epc:id:gsin:4012345.999987654', 'https://id.gs1.org/402/40123459999876541', 7],
  ['urn:epc:id:itip:4012345.012345.01.02.999', 'https://id.gs1.org/8006/040123451234560102/21/999', 7],
  ['urn:epc:id:upui:4012345.012345.AB12', 'https://id.gs1.org/01/04012345123456/235/AB12', 7],
  ['urn:epc:id:pgln:0614141.00777', 'https://id.gs1.org/417/0614141007776', 7],
  ['urn:epc:idpat:sgtin:4054739.099914.*', 'https://id.gs1.org/01/04054739999148', 7],
  ['urn:epc:idpat:sgtin:4012345.098765.*', 'https://id.gs1.org/01/04012345987652', 7],
  ['urn:epc:idpat:sgtin:4012345.066666.*', 'https://id.gs1.org/01/04012345666663', 7],
  ['urn:epc:idpat:grai:4012345.66666.*', 'https://id.gs1.org/8003/04012345666663', 7],
  ['urn:epc:idpat:gdti:4012345.55555.*', 'https://id.gs1.org/253/4012345555554', 7],
  ['urn:epc:idpat:sgcn:4012345.99999.*', 'https://id.gs1.org/255/4012345999990', 7],
  ['urn:epc:idpat:cpi:4012345.ABC.*', 'https://id.gs1.org/8010/4012345ABC', 7],
  ['urn:epc:idpat:itip:4012345.012345.01.02.*', 'https://id.gs1.org/8006/040123451234560102', 7],
  // TDS 2.x: the serial is escaped in the URN and percent-encoded in the Digital Link.
  ['urn:epc:id:sgtin:0614141.712345.32a%2Fb', 'https://id.gs1.org/01/70614141123451/21/32a%2Fb', 7],
  [
    'urn:epc:id:sgtin:0614141.712345.a%25%26%3C%3E%3F%22b',
    'https://id.gs1.org/01/70614141123451/21/a%25%26%3C%3E%3F%22b',
    7,
  ],
  ['urn:epc:id:sgtin:0614141.712345.(x)!*', 'https://id.gs1.org/01/70614141123451/21/%28x%29%21%2A', 7],
  [
    'urn:epc:id:cpi:0614141.5PQ7%2FZ43%23.12345',
    'https://id.gs1.org/8010/06141415PQ7%2FZ43%23/8011/12345',
    7,
  ],
  ['urn:epc:id:sgtin:952005385.0123.1.2', 'https://id.gs1.org/01/09520053851233/21/1.2', 9],
];

describe('canonicalEpc', () => {
  test.each(PAIRS)('turns %s into its Digital Link', (urn, link) => {
    expect(canonicalEpc(urn)).toEqual({ ok: true, value: link });
  });

  test.each(PAIRS)('turns the Digital Link of %s back into the URN', (urn, link, gcpLength) => {
    expect(epcToUrn(link, gcpLength)).toBe(urn);
  });

  test('moves Digital Links on any domain, after a path prefix, to id.gs1.org without query or fragment', () => {
    expect(canonicalEpc('https://example.com/253/4012345000054987')).toEqual({
      ok: true,
      value: 'https://id.gs1.org/253/4012345000054987',
    });
    expect(
      canonicalEpc('HTTPS://brand.example/a/b/01/09506000134352/21/12345?17=250101&linkType=gs1:pip#top'),
    ).toEqual({ ok: true, value: 'https://id.gs1.org/01/09506000134352/21/12345' });
    expect(canonicalEpc('https://id.example.com/8003/040123450007718765')).toEqual({
      ok: true,
      value: 'https://id.gs1.org/8003/040123450007718765',
    });
  });

  test('reads the short names of Digital Link 1.0 (gtin, lot, ser, …)', () => {
    expect(canonicalEpc('https://id.gs1.org/gtin/09780345418913/ser/1')).toEqual({
      ok: true,
      value: 'https://id.gs1.org/01/09780345418913/21/1',
    });
  });

  test('pads a GTIN-8, GTIN-12 or GTIN-13 in AI 01 to 14 digits', () => {
    expect(canonicalEpc('https://example.com/01/9506000134352')).toEqual({
      ok: true,
      value: 'https://id.gs1.org/01/09506000134352',
    });
    expect(canonicalEpc('https://example.com/01/614141000036')).toEqual({
      ok: true,
      value: 'https://id.gs1.org/01/00614141000036',
    });
    expect(canonicalEpc('https://example.com/01/95010014')).toEqual({
      ok: true,
      value: 'https://id.gs1.org/01/00000095010014',
    });
  });

  test('re-encodes Digital Link values canonically', () => {
    expect(canonicalEpc('https://id.gs1.org/01/09506000134352/10/AB!c(d)/21/x%2fy')).toEqual({
      ok: true,
      value: 'https://id.gs1.org/01/09506000134352/10/AB%21c%28d%29/21/x%2Fy',
    });
  });

  test.each([
    ['https://id.gs1.org/01/09506000134353', 'GTIN check digit should be 2'],
    ['urn:epc:id:sgtin:0614141.107346.', 'sgtin URN has an empty part'],
    ['urn:epc:id:sgtin:0614141.10734.1', 'sgtin company prefix and reference should have 13 digits together'],
    ['urn:epc:id:sgtin:0614141.107346.123456789012345678901', 'AI (21) SERIAL is too long'],
    ['urn:epc:idpat:sgtin:0614141.*.*', 'an EPC pattern (urn:epc:idpat) is not an identifier'],
    ['urn:epc:idpat:sscc:0614141.*', 'an EPC pattern (urn:epc:idpat) is not an identifier'],
    ['urn:epc:id:foo:1.2', 'unknown EPC scheme "foo"'],
    [
      'https://id.gs1.org/01/09506000134352/21/1/10/2',
      'qualifiers of AI (01) should appear once each, in the order 22, 10, 21 or 235',
    ],
    [
      'https://id.gs1.org/01/09506000134352/10/1/235/2',
      'qualifiers of AI (01) should appear once each, in the order 22, 10, 21 or 235',
    ],
    [
      'https://id.gs1.org/01/09506000134352/21/a%ZZ',
      'https://id.gs1.org/01/09506000134352/21/a%ZZ has invalid percent-encoding',
    ],
    ['https://id.gs1.org/414/9506000134306', 'GLN check digit should be 7'],
    ['https://id.gs1.org/00/106141412345678900', 'SSCC check digit should be 8'],
    [
      'https://id.gs1.org/01/09506000134352?17=251332',
      'AI (17) USE BY or EXPIRY is not a valid date (YYMMDD)',
    ],
    ['https://id.gs1.org/01/09506000134352/17/250101', 'AI (17) is not a path qualifier of AI (01)'],
    ['not a uri', '"not a uri" is not an absolute URI'],
    ['', 'the identifier is empty'],
  ])('rejects %s', (value, error) => {
    expect(canonicalEpc(value)).toEqual({ ok: false, error });
  });

  test.each([
    'https://example.com/news/2020/01/15',
    'https://example.com/01/123',
    'urn:epc:id:gid:95100000.12345.400',
    'urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8',
    'urn:example:bizTransaction:po:1234',
    'http://transaction.acme.com/po/12345678',
  ])('returns %s unchanged, as it is no GS1 identifier', (value) => {
    expect(canonicalEpc(value)).toEqual({ ok: true, value });
  });

  test('is idempotent on its own output', () => {
    for (const [urn] of PAIRS) {
      const once = canonicalEpc(urn);
      expect(once.ok && canonicalEpc(once.value)).toEqual(once);
    }
  });
});

describe('epcToUrn', () => {
  test('has no URN without a company prefix length, for non-GS1 URIs, or for qualifiers a URN cannot carry', () => {
    expect(epcToUrn('https://id.gs1.org/01/04012345123456/21/12', undefined)).toBeUndefined();
    expect(epcToUrn('https://id.gs1.org/01/04012345123456/21/12', 13)).toBeUndefined();
    expect(epcToUrn('urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8', 7)).toBeUndefined();
    expect(epcToUrn('https://id.gs1.org/01/04012345123456/22/V1', 7)).toBeUndefined();
    expect(epcToUrn('https://id.gs1.org/8018/401234598765400000/8019/12', 7)).toBeUndefined();
    expect(epcToUrn('https://id.gs1.org/8013/1987654Ad4X4bL5ttr2310c2K', 7)).toBeUndefined();
  });

  test('keeps the serial and drops the lot when both qualify a GTIN', () => {
    expect(epcToUrn('https://id.gs1.org/01/04012345123456/10/L1/21/S1', 7)).toBe(
      'urn:epc:id:sgtin:4012345.012345.S1',
    );
  });
});

describe('gcpLengthOf', () => {
  const configured = { '0614141': 7, '061': 9, '4012345': 7, '690': 7, '6901234': 9 };

  test('chooses the longest configured prefix that matches', () => {
    expect(gcpLengthOf('https://id.gs1.org/01/10614141073464/21/2018', configured)).toBe(7);
    expect(gcpLengthOf('https://id.gs1.org/01/00619999073461', configured)).toBe(9);
    expect(gcpLengthOf('6901234000019', configured)).toBe(9);
    expect(gcpLengthOf('6905555000019', configured)).toBe(7);
    expect(gcpLengthOf('https://example.com/414/4012345000115', configured)).toBe(7);
  });

  test('knows nothing without configuration or a match', () => {
    expect(gcpLengthOf('https://id.gs1.org/01/10614141073464')).toBeUndefined();
    expect(gcpLengthOf('9501234000017', configured)).toBeUndefined();
  });
});

describe('gcpLengthOfUrn', () => {
  test('reads the company prefix length from the URN', () => {
    expect(gcpLengthOfUrn('urn:epc:id:sgtin:0614141.107346.2018')).toBe(7);
    expect(gcpLengthOfUrn('urn:epc:id:sgln:952005385.011.0')).toBe(9);
    expect(gcpLengthOfUrn('urn:epc:id:gid:95100000.12345.400')).toBeUndefined();
    expect(gcpLengthOfUrn('https://id.gs1.org/01/10614141073464')).toBeUndefined();
  });
});

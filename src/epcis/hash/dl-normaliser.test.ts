import { describe, expect, it } from 'vitest';
import { canonicalEpc } from '../../identifiers/epc.js';
import { referenceDigitalLink } from './dl-normaliser.js';

/** What the hash uses for a value: the reference's normalised form, or the value unchanged. */
const hashed = (value: string): string => referenceDigitalLink(value) ?? value;

describe('reference Digital Link normaliser', () => {
  it.each([
    ['urn:epc:id:sgtin:4012345.011111.9876', 'https://id.gs1.org/01/04012345111118/21/9876'],
    ['urn:epc:id:sscc:4012345.3111111111', 'https://id.gs1.org/00/340123451111111111'],
    ['urn:epc:id:sgln:4012345.00005.0', 'https://id.gs1.org/414/4012345000054'],
    ['urn:epc:id:sgln:4012345.00005.122', 'https://id.gs1.org/414/4012345000054/254/122'],
    ['urn:epc:id:gdti:987659999999..9', 'https://id.gs1.org/253/98765999999929'],
    ['urn:epc:id:sgcn:4012345.67890.04711', 'https://id.gs1.org/255/401234567890104711'],
    ['urn:epc:idpat:sgtin:4012345.044444.*', 'https://id.gs1.org/01/04012345444445'],
    ['urn:epc:idpat:grai:4012345.00022.*', 'https://id.gs1.org/8003/04012345000221'],
    ['urn:epc:idpat:itip:4012345.011111.01.02.*', 'https://id.gs1.org/8006/040123451111180102'],
    ['urn:epc:idpat:cpi:0614141.123ABC.*', 'https://id.gs1.org/8010/0614141123ABC'],
    ['urn:epc:class:lgtin:4012345.012345.Lot987', 'https://id.gs1.org/01/04012345123456/10/Lot987'],
    [
      'https://example.com/gtin/09780345418913/21/765tz?abc=211121',
      'https://id.gs1.org/01/09780345418913/21/765tz',
    ],
    ['https://id.gs1.de/00/040123451111111110', 'https://id.gs1.org/00/040123451111111110'],
    ['https://id.example.com/253/4012345000054987', 'https://id.gs1.org/253/4012345000054987'],
    ['https://id.gs1.org/01/9506000134376/21/1', 'https://id.gs1.org/01/09506000134376/21/1'],
  ])('%s -> %s', (input, expected) => {
    expect(referenceDigitalLink(input)).toBe(expected);
  });

  it.each([
    'OBSERVE',
    'geo:50.947573340894124,6.922120147375441',
    'https://ref.gs1.org/cbv/BizStep-shipping',
    'http://transaction.acme.com/po/12345678',
    'urn:epcglobal:cbv:bt:0614141073467:1152',
    'urn:epc:id:grai:401234567890..1', // 12-digit company prefix: the reference's pattern never matches
    'https://id.gs1.org/01/09506000134376/21/a%2Fb', // % is not in its checked character set
  ])('leaves %s unchanged', (value) => {
    expect(referenceDigitalLink(value)).toBeUndefined();
  });
});

/**
 * Where the reference normaliser and src/identifiers' canonicalEpc agree and where they differ. The
 * differences are why the hash does not use canonicalEpc (see dl-normaliser.ts).
 */
describe('reference normaliser compared with canonicalEpc', () => {
  it.each([
    'urn:epc:id:sgtin:0614141.812345.6789%2F%26%25%22!%3F()',
    'urn:epc:id:sgtin:4012345.011111.98%22',
    'urn:epc:id:sgtin:4012345.011111.a:b',
    'urn:epc:id:grai:4012345.00022.334455',
    'urn:epc:id:giai:4012345.ABC345',
    'urn:epc:id:cpi:0614141.11111111111111-A%23%2F.1234',
    'urn:epc:id:itip:4012345.011111.01.02.987',
    'urn:epc:id:pgln:999999999999.',
    'urn:epc:idpat:sgtin:4012345.011111.*',
    'https://id.gs1.org/01/9506000134376?linkType=all',
  ])('agree on %s', (value) => {
    const canonical = canonicalEpc(value);
    expect(canonical.ok && canonical.value).toBe(hashed(value));
  });

  it.each([
    // the reference keeps the apostrophe of the URN serial unencoded
    [
      "urn:epc:id:upui:1234567.098765.51qIgY)%3C%26Jp3*j7'SDB",
      "https://id.gs1.org/01/01234567987651/235/51qIgY%29%3C%26Jp3%2Aj7'SDB",
    ],
    // the reference resolves Digital Link short names (gtin, ser, lot...)
    ['https://id.gs1.org/gtin/09780345418913', 'https://id.gs1.org/01/09780345418913'],
    // only the finest level: the lot is dropped when a serial is present, the CPV is dropped
    ['https://id.gs1.org/01/09506000134376/10/ABC/21/XYZ', 'https://id.gs1.org/01/09506000134376/21/XYZ'],
    ['https://example.com/01/09506000134376/22/2A', 'https://id.gs1.org/01/09506000134376'],
    // no check digit validation (canonicalEpc rejects the value)
    ['https://id.gs1.org/01/09506000134377/21/1', 'https://id.gs1.org/01/09506000134377/21/1'],
  ])('the hash keeps the reference form of %s', (value, reference) => {
    // canonicalEpc gives (at the time of writing) a different result or an error for these; only the
    // reference form is asserted, so that changes to canonicalEpc do not break this test.
    expect(hashed(value)).toBe(reference);
  });
});

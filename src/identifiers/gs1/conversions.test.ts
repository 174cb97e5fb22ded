import { describe, expect, test } from 'vitest';
import {
  digitalLinkToElements,
  elementsToDigitalLink,
  elementsToEpcUrn,
  epcUrnToElements,
} from './conversions.js';
import { parseBracketed } from './element-string.js';

function elements(bracketed: string) {
  const parsed = parseBracketed(bracketed);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

describe('conversions', () => {
  test('turn an element string into a Digital Link with qualifiers in order and the rest as attributes', () => {
    expect(elementsToDigitalLink(elements('(01)09506000134352(17)301231(21)S1(10)L1'))).toEqual({
      ok: true,
      value: 'https://id.gs1.org/01/09506000134352/10/L1/21/S1?17=301231',
    });
    expect(elementsToDigitalLink(elements('(00)106141412345678908(400)PO1'), 'https://ex.cn')).toEqual({
      ok: true,
      value: 'https://ex.cn/00/106141412345678908?400=PO1',
    });
  });

  test('turn a Digital Link back into element-string data', () => {
    expect(digitalLinkToElements('https://id.gs1.org/01/09506000134352/10/L1/21/S1?17=301231')).toEqual({
      ok: true,
      value: elements('(01)09506000134352(10)L1(21)S1(17)301231'),
    });
  });

  test('go between element strings and EPC URNs', () => {
    expect(elementsToEpcUrn(elements('(01)10614141073464(21)2018'), 7)).toEqual({
      ok: true,
      value: 'urn:epc:id:sgtin:0614141.107346.2018',
    });
    expect(epcUrnToElements('urn:epc:id:sgln:0614141.00777.12')).toEqual({
      ok: true,
      value: elements('(414)0614141007776(254)12'),
    });
    expect(elementsToEpcUrn(elements('(01)10614141073464(21)2018'), undefined).ok).toBe(false);
  });

  test('refuse data without a primary key', () => {
    expect(elementsToDigitalLink([{ ai: '400', value: 'PO1' }])).toEqual({
      ok: false,
      error: 'the data has no GS1 Digital Link primary key (such as AI 01, 00 or 414)',
    });
  });
});

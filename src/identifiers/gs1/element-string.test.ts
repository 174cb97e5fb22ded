import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  buildBracketed,
  buildGsSeparated,
  GS,
  parseBracketed,
  parseElementString,
  parseGsSeparated,
} from './element-string.js';

const GTIN_LOT_EXPIRY = [
  { ai: '01', value: '09506000134352' },
  { ai: '17', value: '201225' },
  { ai: '10', value: 'ABC123' },
];

describe('element strings', () => {
  test('parses the bracketed form', () => {
    expect(parseBracketed('(01)09506000134352(17)201225(10)ABC123')).toEqual({
      ok: true,
      value: GTIN_LOT_EXPIRY,
    });
  });

  test('parses the GS-separated form, with or without symbology identifier and leading FNC1', () => {
    for (const text of [
      '010950600013435217201225' + '10ABC123',
      `]d2${GS}01095060001343521720122510ABC123`,
    ]) {
      expect(parseGsSeparated(text)).toEqual({ ok: true, value: GTIN_LOT_EXPIRY });
    }
  });

  test('ends a variable-length field at GS', () => {
    expect(parseElementString(`0109506000134352${'10'}AB1${GS}21XYZ`)).toEqual({
      ok: true,
      value: [
        { ai: '01', value: '09506000134352' },
        { ai: '10', value: 'AB1' },
        { ai: '21', value: 'XYZ' },
      ],
    });
  });

  test('builds both forms, putting predefined-length AIs first and GS only after inner variable fields', () => {
    const elements = [
      { ai: '01', value: '09506000134352' },
      { ai: '10', value: 'AB1' },
      { ai: '17', value: '201225' },
      { ai: '21', value: 'XYZ' },
    ];
    expect(buildBracketed(elements)).toBe('(01)09506000134352(10)AB1(17)201225(21)XYZ');
    expect(buildGsSeparated(elements)).toBe(`01095060001343521720122510AB1${GS}21XYZ`);
  });

  test.each([
    ['(01)09506000134353', 'GTIN check digit should be 2'],
    ['(01)09506000134352(10)A(10)B', 'AI (10) appears twice'],
    ['(10)ABC', 'AI (10) needs AI (01), (02), (03), (8006) or (8026)'],
    ['(01)09506000134352(37)1', 'AI (01) cannot appear with AI (37)'],
    ['(23)1', 'AI (23) is unknown'],
    ['01095060001343', 'AI (01) GTIN is too short'],
    ['99', 'AI (99) INTERNAL is empty'],
  ])('rejects %s', (text, error) => {
    expect(parseElementString(text)).toEqual({ ok: false, error });
  });

  test('reads back what it builds, in either form', () => {
    const lot = fc.string({ unit: fc.constantFrom(...'ABCXYZ0123456789-./_'), minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(lot, lot, fc.boolean(), (batch, serial, withDate) => {
        const elements = [
          { ai: '01', value: '09506000134352' },
          ...(withDate ? [{ ai: '17', value: '301231' }] : []),
          { ai: '10', value: batch },
          { ai: '21', value: serial },
        ];
        expect(parseBracketed(buildBracketed(elements))).toEqual({ ok: true, value: elements });
        expect(parseGsSeparated(buildGsSeparated(elements))).toEqual({ ok: true, value: elements });
      }),
    );
  });
});

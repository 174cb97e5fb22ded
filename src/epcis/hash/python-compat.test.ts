import { describe, expect, it } from 'vitest';
import { comparePy, fixTimestamp, pyNumeric, pyScalar, pyStrip } from './python-compat.js';

describe('Python emulation', () => {
  it.each([
    ['26', '26'],
    ['26.0', '26'],
    ['+0452.000', '452'],
    ['0.1', '0.1'],
    ['1.10', '1.1'],
    ['1e3', '1000'],
    ['1_000', '1000'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['0.00001', '1e-05'],
    ['-1.5e-7', '-1.5e-07'],
    ['0.0001', '0.0001'],
    ['-0', '0'],
    ['12345678901234567890', '12345678901234567168'],
    ['00614141', '614141'],
    ['nan', 'nan'],
    ['inf', 'inf'],
    ['1e400', '1e400'],
    ['AB-12', 'AB-12'],
    ['+01:00', '+01:00'],
    ['1__0', '1__0'],
  ])('float/str of %s is %s', (input, expected) => {
    expect(pyNumeric(input)).toBe(expected);
  });

  it('writes JSON scalars as the reference does', () => {
    expect(pyScalar(0.1)).toBe('0.1');
    expect(pyScalar(1e-5)).toBe('1e-05');
    expect(pyScalar(452)).toBe('452');
    expect(pyScalar(true)).toBe('true');
    expect(pyScalar(null)).toBe('None');
  });

  it.each([
    ['2020-03-04T11:00:30.000+01:00', '2020-03-04T10:00:30.000Z'],
    ['2020-04-01T15:00:00+01:00', '2020-04-01T14:00:00.000Z'],
    ['2022-02-15T01:33:31.116000-06:00', '2022-02-15T07:33:31.116Z'],
    ['2023-02-02T11:04:03.1415Z', '2023-02-02T11:04:03.142Z'],
    ['2023-02-02T11:04:03.1414Z', '2023-02-02T11:04:03.141Z'],
    ['2023-02-02T11:04:03.1425Z', '2023-02-02T11:04:03.142Z'], // round half to even, as Python's round()
    ['2023-02-02T11:04:03.14250009Z', '2023-02-02T11:04:03.142Z'], // digits after the 6th are cut off
    ['2023-12-31T23:59:59.9996Z', '2024-01-01T00:00:00.000Z'],
    ['2005-04-04T20:33:31.116-06:00', '2005-04-05T02:33:31.116Z'],
    ['2020-01-01T05:30:00+0530', '2020-01-01T00:00:00.000Z'],
    ['2020-01-01T00:00:00', '2020-01-01T00:00:00.000Z'],
    ['2023-10-09', '2023-10-09'],
    ['2021-04-31T00:00:00Z', '2021-04-31T00:00:00Z'],
    ['not a time', 'not a time'],
  ])('timestamp %s -> %s', (input, expected) => {
    expect(fixTimestamp(input)).toBe(expected);
  });

  it('strips what Python strips', () => {
    expect(pyStrip(' \t\x1cA B\x85\u3000')).toBe('A B');
    expect(pyStrip('\ufeffA')).toBe('\ufeffA');
  });

  it('orders strings by code point', () => {
    expect(comparePy('a', 'b')).toBeLessThan(0);
    expect(comparePy('{x', 'z')).toBeGreaterThan(0);
    expect(comparePy('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
    expect(comparePy('ab', 'a')).toBeGreaterThan(0);
  });
});

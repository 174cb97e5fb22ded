import { describe, expect, test } from 'vitest';
import { lotSerialErrors } from './lot-serial.js';

describe('lotSerialErrors (GB/T 33993, GB/T 40204)', () => {
  test('accepts a short code of GS1 characters', () => {
    expect(lotSerialErrors('L2024-07.A_1')).toEqual([]);
  });

  test('reports every broken rule at once', () => {
    expect(lotSerialErrors('A/B?C&D%E<F>G0123456789', 'serial')).toEqual([
      'the serial should have at most 20 characters, not 23',
      'the serial may not contain / ? & % < >',
    ]);
    expect(lotSerialErrors('批次 1')).toEqual([
      'the lot may only contain letters, digits and GS1 punctuation (no spaces or Chinese)',
    ]);
    expect(lotSerialErrors('')).toEqual(['the lot is empty']);
  });
});

import { describe, expect, it } from 'vitest';
import { iso } from './objects.js';

describe('iso', () => {
  it('writes what Date would for every form PostgreSQL gives a timestamptz in JSON', () => {
    const texts = [
      '2026-01-01T12:00:00+00:00',
      '2026-01-01T12:00:00.5+00:00',
      '2026-01-01T12:00:00.25+00:00',
      '2026-01-01T12:00:00.123+00:00',
      '2026-01-01T12:00:00.1239+00:00',
      '2026-01-01T12:00:00.123999+00:00',
      '2026-12-31T23:59:59.999999+00:00',
      '2026-01-01T20:00:00.123456+08:00',
      '2026-01-01T06:30:00-05:30',
      '1999-02-28T00:00:00.000001+00:00',
    ];
    for (const text of texts) expect(iso(text), text).toBe(new Date(text).toISOString());
  });
});

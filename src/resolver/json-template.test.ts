import { describe, expect, it } from 'vitest';
import { SummaryTemplates } from './json-template.js';
import type { CodeFacts } from './lookup.js';
import { summarise } from './service.js';

const facts = (productName: string, expiryDate = '2026-06-30'): CodeFacts => ({
  uri: 'urn:suyuan:code:HNS35NEDFTSNMR70Z',
  code: {
    value: 'HNS35NEDFTSNMR70Z',
    scheme: 'suyuan',
    kind: 'item',
    owner: '91460100MA5T0AAA1X',
    product: '06901234000016',
    productName,
    lot: 'L1',
    productionDate: '2026-01-02',
    expiryDate,
    state: 'active',
    issuedAt: new Date('2026-01-01T00:00:00Z'),
    activatedAt: new Date('2026-01-02T00:00:00Z'),
    stateReason: null,
  },
  events: {
    count: 3,
    first: new Date('2026-01-02T00:00:00Z'),
    last: new Date('2026-01-05T00:00:00Z'),
    lastBizStep: 'shipping',
    lastDisposition: 'in_transit',
    recalled: false,
  },
  scans: { count: 7, first: new Date('2026-01-03T08:00:00Z') },
  suspectedCopy: false,
  stopTrading: false,
  recall: {
    id: 'r1',
    title: '召回 "芒果"',
    reason: 'a \\ b',
    severity: 2,
    orderedBy: 'regulator',
    openedAt: new Date('2026-01-04T00:00:00Z'),
  },
});

const serialize = (summary: Record<string, unknown>) => JSON.stringify(summary);

describe('summary templates', () => {
  it('gives the same document as the summary, with each request’s scan counter', () => {
    const templates = new SummaryTemplates();
    const f = facts('海南 "贵妃" 芒果\n');
    const now = new Date('2026-05-01T10:00:00Z');
    for (const count of [8, 9, 1234]) {
      const scans = { count, first: f.scans.first as Date };
      const text = templates.render(f, scans, now, serialize);
      expect(JSON.parse(text as string)).toEqual(summarise(f, scans, now));
    }
  });

  it('builds again on another day, so expiry turns at midnight', () => {
    const templates = new SummaryTemplates();
    const f = facts('芒果', '2026-06-30');
    const scans = { count: 1, first: new Date('2026-06-01T00:00:00Z') };
    const before = templates.render(f, scans, new Date('2026-06-30T23:59:59Z'), serialize) as string;
    const after = templates.render(f, scans, new Date('2026-07-01T00:00:01Z'), serialize) as string;
    expect(JSON.parse(before)).toMatchObject({ expired: false, warnings: ['recalled'] });
    expect(JSON.parse(after)).toMatchObject({ expired: true, warnings: ['recalled', 'expired'] });
  });

  it('is not fooled by the marker inside a value, and gives nothing for unknown codes', () => {
    const templates = new SummaryTemplates();
    const now = new Date('2026-05-01T10:00:00Z');
    // quotes inside a string value are escaped, so the marker can only match the real member
    const tricky = facts('"scans":{"count":0,"since":"SUYUAN-SCANS-SINCE"}');
    const scans = { count: 5, first: now };
    const text = templates.render(tricky, scans, now, serialize) as string;
    expect(JSON.parse(text)).toEqual(summarise(tricky, scans, now));
    const unknown: CodeFacts = {
      ...facts('x'),
      code: null,
      events: { ...facts('x').events, count: 0 },
    };
    expect(templates.render(unknown, { count: 1, first: now }, now, serialize)).toBeUndefined();
  });
});

import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../db/types.js';
import { FactsCache } from './cache.js';
import type { CodeFacts } from './lookup.js';

const facts = (uri: string, count: number): CodeFacts => ({
  uri,
  code: null,
  events: { count, first: null, last: null, lastBizStep: null, lastDisposition: null, recalled: false },
  scans: { count: 0, first: null },
  suspectedCopy: false,
  stopTrading: false,
  recall: null,
});

/** A cache whose loads are counted and whose epoch comes from a lease (so it never reads the database). */
function cacheWith(epoch: { value: string }, ttlMs: number) {
  let events = 1;
  const loads: string[][] = [];
  const load = async (uris: string[]) => {
    loads.push(uris);
    const n = events;
    await new Promise((r) => setTimeout(r, 20));
    return new Map(uris.map((u) => [u, facts(u, n)]));
  };
  // no database: with a lease the cache takes the epoch from it and never queries
  const cache = new FactsCache(null as unknown as Kysely<DB>, load, {
    ttlMs,
    lease: { current: () => epoch.value },
  });
  return { cache, loads, setEvents: (n: number) => (events = n) };
}

describe('facts cache refresh', () => {
  it('answers from an entry past its TTL at once and refreshes it in the background, in one batch', async () => {
    const epoch = { value: '1' };
    const { cache, loads, setEvents } = cacheWith(epoch, 30);
    await cache.get(['a', 'b', 'c']);
    expect(loads).toEqual([['a', 'b', 'c']]);
    setEvents(2);
    await new Promise((r) => setTimeout(r, 40));
    // past the TTL: served without waiting, the old facts
    expect(cache.peek('a')?.events.count).toBe(1);
    expect(cache.peek('b')?.events.count).toBe(1);
    expect((await cache.get(['c'])).get('c')?.events.count).toBe(1);
    await new Promise((r) => setTimeout(r, 60));
    expect(loads.slice(1)).toEqual([['a', 'b', 'c']]);
    expect(cache.refreshes).toBe(3);
    expect(cache.peek('a')?.events.count).toBe(2);
    expect(loads).toHaveLength(2);
  });

  it('never answers from an entry of an older epoch: that waits for a load', async () => {
    const epoch = { value: '1' };
    const { cache, loads, setEvents } = cacheWith(epoch, 60_000);
    await cache.get(['a']);
    setEvents(5);
    epoch.value = '2';
    expect(cache.peek('a')).toBeUndefined();
    expect((await cache.get(['a'])).get('a')?.events.count).toBe(5);
    expect(loads).toHaveLength(2);
  });
});

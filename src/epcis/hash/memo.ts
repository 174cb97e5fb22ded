/**
 * Bounded memoisation of pure functions of a string on the hashing hot path (identifier normalisation:
 * the same locations, parties and product classes recur in event after event; prefix tables of contexts). A cache never changes a
 * result: it only stores what the uncached function returned (memo.property.test.ts checks this).
 */

/** Longer inputs are not stored (they are rarely repeated and would make the bound meaningless). */
const MAX_KEY_LENGTH = 256;

const caches: Map<string, unknown>[] = [];

/**
 * `fn` with its results kept in a Map of at most `max` entries; when full, the oldest entry goes first
 * (insertion order), so a long-running server keeps a bounded working set.
 */
export function memoise<T>(fn: (text: string) => T, max: number): (text: string) => T {
  const cache = new Map<string, T>();
  caches.push(cache);
  return (text: string): T => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const value = fn(text);
    if (text.length <= MAX_KEY_LENGTH) {
      if (cache.size >= max) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      cache.set(text, value);
    }
    return value;
  };
}

/** Empty every cache of the event hash (tests: compare cached with cold results). */
export function clearHashCaches(): void {
  for (const cache of caches) cache.clear();
}

/** Number of entries held by the caches of the event hash. */
export function hashCacheSize(): number {
  let size = 0;
  for (const cache of caches) size += cache.size;
  return size;
}

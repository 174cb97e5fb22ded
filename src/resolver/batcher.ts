/**
 * Coalesces the lookups that arrive while one is running into the next single query. Every
 * request still reads the database after it arrived (so a recall or a voided code shows in the
 * very next response, whichever process serves it), but 50 concurrent requests cost a handful of
 * round trips instead of 50.
 */
export class Batcher<K, V> {
  private pending = new Map<K, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]>();
  private inFlight = 0;

  constructor(
    private readonly load: (keys: K[]) => Promise<Map<K, V>>,
    private readonly maxConcurrent = 4,
    private readonly maxBatch = 200,
  ) {}

  get(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiters = this.pending.get(key);
      if (waiters) waiters.push({ resolve, reject });
      else this.pending.set(key, [{ resolve, reject }]);
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxConcurrent && this.pending.size > 0) {
      const batch = new Map<K, { resolve: (v: V | undefined) => void; reject: (e: unknown) => void }[]>();
      for (const [key, waiters] of this.pending) {
        batch.set(key, waiters);
        this.pending.delete(key);
        if (batch.size >= this.maxBatch) break;
      }
      this.inFlight++;
      this.load([...batch.keys()])
        .then((values) => {
          for (const [key, waiters] of batch) for (const w of waiters) w.resolve(values.get(key));
        })
        .catch((error: unknown) => {
          for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
        })
        .finally(() => {
          this.inFlight--;
          this.pump();
        });
    }
  }
}

import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.js';
import type { CodeFacts } from './lookup.js';

interface Entry {
  facts: CodeFacts;
  epoch: string;
  at: number;
}

/**
 * Code facts kept in memory between resolves, safe with several server processes.
 *
 * Every change that must show in the very next response — a code's state (void, closed), a recall
 * opened, widened or closed, an event that recalls or destroys — bumps `resolver_epoch` in the
 * same transaction, by triggers (migration 0047), whichever process or tool made it. Each batch of
 * lookups takes the epoch first — from this process's lease on PostgreSQL (lease.ts: no query),
 * otherwise by a one-row read after every request of the batch arrived — and reloads every code
 * whose cached facts are of an older epoch (entries carry the epoch taken before their load). Facts that may lag a little —
 * the event count, the last step, other processes' scan counts — are reloaded after `ttlMs`.
 * Unknown codes are never cached: an issuance or a first event shows at once.
 */
export class FactsCache {
  private entries = new Map<string, Entry>();
  /** Lookups waiting for an epoch read that starts after they arrived. */
  private epochWaiters: { resolve: (epoch: string) => void; reject: (error: unknown) => void }[] = [];
  private readingEpoch = false;

  private readonly ttlMs: number;
  private readonly maxEntries: number;
  /** On PostgreSQL: the epoch this process holds a lease on, so no read per request (lease.ts). */
  private readonly lease: { current(): string | undefined } | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly load: (uris: string[]) => Promise<Map<string, CodeFacts>>,
    options: { ttlMs?: number; maxEntries?: number; lease?: { current(): string | undefined } } = {},
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.maxEntries = options.maxEntries ?? 200_000;
    this.lease = options.lease;
  }

  /** Epoch reads made (a process with a valid lease makes none). */
  epochReads = 0;

  async get(uris: string[]): Promise<Map<string, CodeFacts>> {
    const epoch = this.lease?.current() ?? (await this.epoch());
    const now = Date.now();
    const out = new Map<string, CodeFacts>();
    const missing: string[] = [];
    for (const uri of uris) {
      const entry = this.entries.get(uri);
      if (this.fresh(entry, epoch, now)) out.set(uri, (entry as Entry).facts);
      else missing.push(uri);
    }
    if (missing.length === 0) return out;
    const loaded = await this.load(missing);
    for (const [uri, facts] of loaded) {
      out.set(uri, facts);
      if (!facts.code && facts.events.count === 0) continue;
      if (this.entries.size >= this.maxEntries) this.evictOldest();
      this.entries.delete(uri); // re-insert: Map order is the eviction order
      this.entries.set(uri, { facts, epoch, at: now });
    }
    return out;
  }

  /**
   * The cached facts of a code when they can be served with no query at all: this process holds
   * a lease, and the entry is of the lease's epoch and young enough. Otherwise undefined (get()).
   */
  peek(uri: string): CodeFacts | undefined {
    const epoch = this.lease?.current();
    if (epoch === undefined) return undefined;
    const entry = this.entries.get(uri);
    return this.fresh(entry, epoch, Date.now()) ? entry?.facts : undefined;
  }

  private fresh(entry: Entry | undefined, epoch: string, now: number): boolean {
    return entry !== undefined && entry.epoch === epoch && now - entry.at < this.ttlMs;
  }

  /** Scans this process has just written: keeps cached counters from going backwards. */
  addScans(uri: string, written: number, first: Date): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    const scans = entry.facts.scans;
    entry.facts = {
      ...entry.facts,
      scans: { count: scans.count + written, first: scans.first ?? first },
    };
  }

  /**
   * The epoch, read after the caller arrived. Reads are coalesced: while one is in flight, callers
   * wait for the next one, which starts after them — one small query serves every lookup batch
   * that arrived in the meantime, and none is answered from a read older than its arrival.
   */
  private epoch(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.epochWaiters.push({ resolve, reject });
      this.readEpoch();
    });
  }

  private readEpoch(): void {
    if (this.readingEpoch || this.epochWaiters.length === 0) return;
    this.readingEpoch = true;
    this.epochReads++;
    const waiting = this.epochWaiters;
    this.epochWaiters = [];
    currentEpoch(this.db)
      .then(
        (epoch) => {
          for (const w of waiting) w.resolve(epoch);
        },
        (error: unknown) => {
          for (const w of waiting) w.reject(error);
        },
      )
      .finally(() => {
        this.readingEpoch = false;
        this.readEpoch();
      });
  }

  get size(): number {
    return this.entries.size;
  }

  private evictOldest(): void {
    let n = Math.ceil(this.maxEntries / 10);
    for (const key of this.entries.keys()) {
      this.entries.delete(key);
      if (--n <= 0) break;
    }
  }
}

export async function currentEpoch(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ epoch: string }>`SELECT epoch FROM resolver_epoch WHERE id = 1`.execute(db);
  return rows[0]?.epoch ?? '0';
}

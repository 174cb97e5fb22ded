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
 * lookups takes the epoch first — from this process's lease on PostgreSQL (lease.ts) or its own
 * notifications on PGlite (embedded-epoch.ts), with no query,
 * otherwise by a one-row read after every request of the batch arrived — and reloads every code
 * whose cached facts are of an older epoch (entries carry the epoch taken before their load). Facts that may lag a little —
 * the event count, the last step, other processes' scan counts, a suspected-copy warning — are
 * refreshed after `ttlMs`: the entry still answers (it is of the current epoch) while a background
 * load, batched with the other codes due, replaces it, so no request waits for a refresh and the
 * codes loaded together do not all miss together 30 s later.
 * Unknown codes are never cached: an issuance or a first event shows at once.
 */
export class FactsCache {
  private entries = new Map<string, Entry>();
  /** Lookups waiting for an epoch read that starts after they arrived. */
  private epochWaiters: { resolve: (epoch: string) => void; reject: (error: unknown) => void }[] = [];
  private readingEpoch = false;
  /** Codes due for a background refresh, and those being refreshed. */
  private due = new Set<string>();
  private refreshing = new Set<string>();
  private refreshScheduled = false;

  private readonly ttlMs: number;
  private readonly maxEntries: number;
  /**
   * The epoch known without a query: a lease on PostgreSQL (lease.ts), the embedded database's own
   * notifications on PGlite (embedded-epoch.ts). Without it, the epoch is read per lookup batch.
   */
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
      if (entry !== undefined && entry.epoch === epoch) {
        out.set(uri, entry.facts);
        if (now - entry.at >= this.ttlMs) this.refreshLater(uri);
      } else missing.push(uri);
    }
    if (missing.length === 0) return out;
    const loaded = await this.load(missing);
    for (const [uri, facts] of loaded) {
      out.set(uri, facts);
      this.store(uri, facts, epoch, now);
    }
    return out;
  }

  private store(uri: string, facts: CodeFacts, epoch: string, at: number): void {
    this.entries.delete(uri); // re-insert: Map order is the eviction order
    if (!facts.code && facts.events.count === 0) return;
    if (this.entries.size >= this.maxEntries) this.evictOldest();
    this.entries.set(uri, { facts, epoch, at });
  }

  /** Background refreshes made (codes reloaded because their entry was older than ttlMs). */
  refreshes = 0;

  /** Queues a code whose entry outlived ttlMs; the queue is loaded in one batch after this turn. */
  private refreshLater(uri: string): void {
    if (this.refreshing.has(uri) || this.due.has(uri)) return;
    this.due.add(uri);
    if (this.refreshScheduled) return;
    this.refreshScheduled = true;
    setImmediate(() => void this.refreshDue());
  }

  private async refreshDue(): Promise<void> {
    this.refreshScheduled = false;
    const batch = [...this.due].slice(0, 1000);
    for (const uri of batch) {
      this.due.delete(uri);
      this.refreshing.add(uri);
    }
    if (this.due.size > 0) {
      this.refreshScheduled = true;
      setImmediate(() => void this.refreshDue());
    }
    try {
      const epoch = this.lease?.current() ?? (await this.epoch());
      const now = Date.now();
      const loaded = await this.load(batch);
      this.refreshes += batch.length;
      for (const uri of batch) {
        const facts = loaded.get(uri);
        if (facts) this.store(uri, facts, epoch, now);
        else this.entries.delete(uri);
      }
    } catch {
      // the entries stay as they were: the next request for them queues them again
    } finally {
      for (const uri of batch) this.refreshing.delete(uri);
    }
  }

  /**
   * The cached facts of a code when they can be served with no query at all: this process holds
   * a lease, and the entry is of the lease's epoch (an entry older than ttlMs is also queued for a
   * background refresh). Otherwise undefined (get()).
   */
  peek(uri: string): CodeFacts | undefined {
    const epoch = this.lease?.current();
    if (epoch === undefined) return undefined;
    const entry = this.entries.get(uri);
    if (entry === undefined || entry.epoch !== epoch) return undefined;
    if (Date.now() - entry.at >= this.ttlMs) this.refreshLater(uri);
    return entry.facts;
  }

  /** Scans this process has just written: keeps cached counters from going backwards. */
  addScans(uri: string, written: number, first: Date): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    const scans = entry.facts.scans;
    // the same facts object, so what is derived from it per object (the JSON template, which holds
    // no scan counts) stays valid: ~20,000 templates were rebuilt after every flush under load
    entry.facts.scans = { count: scans.count + written, first: scans.first ?? first };
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

import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.js';

export interface Scan {
  uri: string;
  at: Date;
  channel: string;
  place: string | null;
}

/** The scans of one code from one channel and place within one minute: one code_scans row. */
interface Bucket {
  uri: string;
  channel: string;
  place: string | null;
  minute: number;
  first: Date;
  last: Date;
  scans: number;
}

export interface ScanLogOptions {
  /** Longest a scan waits in memory (default 5 s). */
  flushMs?: number;
  /** Buckets that trigger a flush before flushMs (default 20,000). */
  maxBuckets?: number;
}

const minute = 60_000;

/**
 * Public scans are counted in memory and written every few seconds: one code_scans row per code,
 * channel, place and minute with its count (migration 0053), and the running totals. A popular
 * lot code scanned by thousands of shoppers costs the database a row a minute, not a row a scan.
 * What this costs: the scans of the last `flushMs` before a crash or a power cut are lost (a
 * graceful stop writes them); they feed anti-counterfeit statistics, not records anyone is
 * accountable for.
 */
export class ScanLog {
  /** Per code, its buckets (a handful: channels, places, minutes). */
  private buckets = new Map<string, Bucket[]>();
  private bucketCount = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** Scans counted in this process but not yet written, per code. */
  private unwritten = new Map<string, number>();
  private readonly flushMs: number;
  private readonly maxBuckets: number;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly log: FastifyBaseLogger,
    /** Told what was written, per code (the facts cache keeps its counters in step). */
    private readonly onWritten?: (uri: string, written: number, first: Date) => void,
    options: ScanLogOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 5_000;
    this.maxBuckets = options.maxBuckets ?? 20_000;
  }

  record(scan: Scan): void {
    const bucketOf = Math.floor(scan.at.getTime() / minute);
    let buckets = this.buckets.get(scan.uri);
    if (!buckets) {
      buckets = [];
      this.buckets.set(scan.uri, buckets);
    }
    const bucket = buckets.find(
      (b) => b.minute === bucketOf && b.channel === scan.channel && b.place === scan.place,
    );
    if (bucket) {
      bucket.scans++;
      if (scan.at < bucket.first) bucket.first = scan.at;
      if (scan.at > bucket.last) bucket.last = scan.at;
    } else {
      buckets.push({ ...scan, minute: bucketOf, first: scan.at, last: scan.at, scans: 1 });
      this.bucketCount++;
    }
    this.unwritten.set(scan.uri, (this.unwritten.get(scan.uri) ?? 0) + 1);
    if (this.bucketCount >= this.maxBuckets) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
  }

  pendingFor(uri: string): number {
    return this.unwritten.get(uri) ?? 0;
  }

  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.buckets.values()].flat();
    if (batch.length === 0) return this.flushing;
    this.buckets = new Map();
    this.bucketCount = 0;
    this.flushing = this.flushing.then(() => this.write(batch));
    return this.flushing;
  }

  private async write(batch: Bucket[]): Promise<void> {
    const totals = new Map<string, { n: number; first: Date; last: Date }>();
    for (const b of batch) {
      const t = totals.get(b.uri);
      if (t) {
        t.n += b.scans;
        if (b.first < t.first) t.first = b.first;
        if (b.last > t.last) t.last = b.last;
      } else totals.set(b.uri, { n: b.scans, first: b.first, last: b.last });
    }
    try {
      await this.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO code_scans (uri, scanned_at, channel, place, scans)
          SELECT * FROM unnest(${batch.map((b) => b.uri)}::text[], ${batch.map((b) => b.first)}::timestamptz[],
            ${batch.map((b) => b.channel)}::text[], ${batch.map((b) => b.place)}::text[],
            ${batch.map((b) => b.scans)}::int[])`.execute(trx);
        const uris = [...totals.keys()].sort(); // a fixed order: concurrent writers cannot deadlock
        const of = (u: string) => totals.get(u) as { n: number; first: Date; last: Date };
        await sql`INSERT INTO code_scan_totals (uri, scans, first_scan, last_scan)
          SELECT * FROM unnest(${uris}::text[], ${uris.map((u) => of(u).n)}::bigint[],
            ${uris.map((u) => of(u).first)}::timestamptz[], ${uris.map((u) => of(u).last)}::timestamptz[])
          ON CONFLICT (uri) DO UPDATE SET scans = code_scan_totals.scans + excluded.scans,
            first_scan = least(code_scan_totals.first_scan, excluded.first_scan),
            last_scan = greatest(code_scan_totals.last_scan, excluded.last_scan)`.execute(trx);
      });
      if (this.onWritten) for (const [uri, t] of totals) this.onWritten(uri, t.n, t.first);
    } catch (error) {
      this.log.error({ err: error, rows: batch.length }, 'could not write scans');
    } finally {
      for (const [uri, t] of totals) {
        const left = (this.unwritten.get(uri) ?? 0) - t.n;
        if (left > 0) this.unwritten.set(uri, left);
        else this.unwritten.delete(uri);
      }
    }
  }
}

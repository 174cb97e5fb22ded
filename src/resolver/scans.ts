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
  /** Epoch milliseconds (comparing numbers, not Date objects, keeps record() cheap). */
  first: number;
  last: number;
  scans: number;
}

export interface ScanLogOptions {
  /** Longest a scan waits in memory (default 10 s). */
  flushMs?: number;
  /** Buckets that trigger a flush before flushMs (default 100,000, ~15 MB). */
  maxBuckets?: number;
}

const minute = 60_000;
/** Buckets written per statement. */
const writeChunk = 2_500;

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
    this.flushMs = options.flushMs ?? 10_000;
    this.maxBuckets = options.maxBuckets ?? 100_000;
  }

  record(scan: Scan): void {
    const at = scan.at.getTime();
    const bucketOf = Math.floor(at / minute);
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
      if (at < bucket.first) bucket.first = at;
      if (at > bucket.last) bucket.last = at;
    } else {
      buckets.push({
        uri: scan.uri,
        channel: scan.channel,
        place: scan.place,
        minute: bucketOf,
        first: at,
        last: at,
        scans: 1,
      });
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
    // in statements of a few thousand rows: serializing 20,000 at once held the event loop for
    // ~40 ms, which every request waiting behind it saw
    for (let i = 0; i < batch.length; i += writeChunk) {
      const chunk = batch.slice(i, i + writeChunk);
      this.flushing = this.flushing.then(() => this.write(chunk));
    }
    return this.flushing;
  }

  private async write(batch: Bucket[]): Promise<void> {
    const totals = new Map<string, { n: number; first: number; last: number }>();
    for (const b of batch) {
      const t = totals.get(b.uri);
      if (t) {
        t.n += b.scans;
        if (b.first < t.first) t.first = b.first;
        if (b.last > t.last) t.last = b.last;
      } else totals.set(b.uri, { n: b.scans, first: b.first, last: b.last });
    }
    try {
      // the rows travel as one JSON text with times in epoch ms: pg's array parameters and Date
      // objects cost microseconds a value to build here
      const rows = JSON.stringify(
        batch.map((b) => ({ uri: b.uri, at: b.first, channel: b.channel, place: b.place, scans: b.scans })),
      );
      const sums = JSON.stringify(
        [...totals].map(([uri, t]) => ({ uri, n: t.n, first: t.first, last: t.last })),
      );
      await this.db.transaction().execute(async (trx) => {
        // statistics, not records: a crash may lose them anyway (see above), so no wait for the disk
        await sql`SET LOCAL synchronous_commit = off`.execute(trx);
        await sql`INSERT INTO code_scans (uri, scanned_at, channel, place, scans)
          SELECT uri, to_timestamp(at / 1000.0), channel, place, scans
          FROM json_to_recordset(${rows}::json) AS x(uri text, at float8, channel text, place text, scans int)`.execute(
          trx,
        );
        await sql`INSERT INTO code_scan_totals (uri, scans, first_scan, last_scan)
          SELECT uri, n, to_timestamp(first / 1000.0), to_timestamp(last / 1000.0)
          FROM json_to_recordset(${sums}::json) AS x(uri text, n bigint, first float8, last float8)
          ORDER BY uri -- a fixed order: concurrent writers cannot deadlock
          ON CONFLICT (uri) DO UPDATE SET scans = code_scan_totals.scans + excluded.scans,
            first_scan = least(code_scan_totals.first_scan, excluded.first_scan),
            last_scan = greatest(code_scan_totals.last_scan, excluded.last_scan)`.execute(trx);
      });
      if (this.onWritten) for (const [uri, t] of totals) this.onWritten(uri, t.n, new Date(t.first));
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

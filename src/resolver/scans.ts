import type { FastifyBaseLogger } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.js';

export interface Scan {
  uri: string;
  at: Date;
  channel: string;
  place: string | null;
}

/**
 * Public scans are written in batches (every 200 ms or 1,000 scans) rather than one insert per
 * resolve. What this costs: scans of the last fraction of a second before a crash are lost; they
 * feed anti-counterfeit statistics, not records anyone is accountable for.
 */
export class ScanLog {
  private buffer: Scan[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** Scans buffered in this process but not yet written, per code. */
  private unwritten = new Map<string, number>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly log: FastifyBaseLogger,
    /** Told what was written, per code (the facts cache keeps its counters in step). */
    private readonly onWritten?: (uri: string, written: number, first: Date) => void,
  ) {}

  record(scan: Scan): void {
    this.buffer.push(scan);
    this.unwritten.set(scan.uri, (this.unwritten.get(scan.uri) ?? 0) + 1);
    if (this.buffer.length >= 1000) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), 200);
  }

  pendingFor(uri: string): number {
    return this.unwritten.get(uri) ?? 0;
  }

  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    if (batch.length === 0) return this.flushing;
    this.buffer = [];
    this.flushing = this.flushing.then(() => this.write(batch));
    return this.flushing;
  }

  private async write(batch: Scan[]): Promise<void> {
    const totals = new Map<string, { n: number; first: Date; last: Date }>();
    for (const s of batch) {
      const t = totals.get(s.uri);
      if (t) {
        t.n++;
        t.last = s.at;
      } else totals.set(s.uri, { n: 1, first: s.at, last: s.at });
    }
    try {
      await this.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO code_scans (uri, scanned_at, channel, place)
          SELECT * FROM unnest(${batch.map((s) => s.uri)}::text[], ${batch.map((s) => s.at)}::timestamptz[],
            ${batch.map((s) => s.channel)}::text[], ${batch.map((s) => s.place)}::text[])`.execute(trx);
        const uris = [...totals.keys()].sort(); // a fixed order: concurrent writers cannot deadlock
        await sql`INSERT INTO code_scan_totals (uri, scans, first_scan, last_scan)
          SELECT * FROM unnest(${uris}::text[], ${uris.map((u) => totals.get(u)?.n)}::bigint[],
            ${uris.map((u) => totals.get(u)?.first)}::timestamptz[], ${uris.map((u) => totals.get(u)?.last)}::timestamptz[])
          ON CONFLICT (uri) DO UPDATE SET scans = code_scan_totals.scans + excluded.scans,
            last_scan = greatest(code_scan_totals.last_scan, excluded.last_scan)`.execute(trx);
      });
      if (this.onWritten) for (const [uri, t] of totals) this.onWritten(uri, t.n, t.first);
    } catch (error) {
      this.log.error({ err: error, scans: batch.length }, 'could not write scans');
    } finally {
      for (const [uri, t] of totals) {
        const left = (this.unwritten.get(uri) ?? 0) - t.n;
        if (left > 0) this.unwritten.set(uri, left);
        else this.unwritten.delete(uri);
      }
    }
  }
}

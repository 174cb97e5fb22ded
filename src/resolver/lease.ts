import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';

export interface LeaseOptions {
  /** How long a renewed lease lasts (default 3 s); writers wait at most this for a silent process. */
  leaseMs: number;
  /** How often it is renewed (default a third of leaseMs). */
  renewMs?: number;
}

/** Kept off the lease's end on this side, for clock rate differences and timer lateness. */
const safetyMs = 250;

/**
 * This process's lease on the resolver epoch (migration 0054), on PostgreSQL.
 *
 * A dedicated connection LISTENs for epoch changes and renews a row in resolver_nodes: while the
 * lease holds, `current()` gives the newest epoch this process has applied without a query. The
 * order of steps is what makes it safe: an epoch is applied here before it is acknowledged in
 * seen_epoch, a renewal reads the epoch in the statement that extends the lease and applies it
 * before the lease counts, and the lease counts here until `safetyMs` before the database's own
 * expiry measured from when the renewal was sent. A writer waits for every unexpired lease to
 * acknowledge its epoch (freshness.ts), so when it answers, every process either has the change
 * or has no lease and reads the epoch per request (FactsCache's fallback). A lost connection ends
 * the lease at once; it is reopened in the background.
 */
export class EpochLease {
  readonly id = randomUUID();
  private epoch = 0n;
  private validUntil = 0;
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private acking = false;
  private acked = 0n;
  private stopped = false;
  /** Counts connections: events of a replaced one are ignored. */
  private generation = 0;
  private readonly renewMs: number;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly log: FastifyBaseLogger,
    private readonly options: LeaseOptions,
  ) {
    this.renewMs = options.renewMs ?? Math.max(100, Math.floor(options.leaseMs / 3));
  }

  /** The epoch to serve from, or undefined when there is no valid lease (read it from the database). */
  current(): string | undefined {
    return performance.now() < this.validUntil ? this.epoch.toString() : undefined;
  }

  /** Connects, listens and takes the first lease; failures leave the process in per-request reads. */
  async start(): Promise<void> {
    if (this.stopped) return;
    const generation = ++this.generation;
    const client = new pg.Client({ ...this.config, application_name: 'suyuan-resolver-lease' });
    let ended = false;
    const lost = (error?: unknown) => {
      if (ended) return;
      ended = true;
      this.lost(generation, client, error);
    };
    client.on('error', (error) => lost(error));
    client.on('end', () => lost());
    client.on('notification', (message) => {
      if (message.channel === 'suyuan_resolver_epoch' && message.payload) this.apply(BigInt(message.payload));
    });
    try {
      await client.connect();
      await client.query('LISTEN suyuan_resolver_epoch');
      if (this.stopped || generation !== this.generation) throw new Error('superseded');
      this.client = client;
      // leases that ended long ago belong to processes that are gone
      await client.query(`DELETE FROM resolver_nodes WHERE lease_until < now() - interval '1 hour'`);
      await this.renew();
    } catch (error) {
      lost(error);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.validUntil = 0;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    try {
      await client.query('DELETE FROM resolver_nodes WHERE id = $1', [this.id]);
    } catch {
      // the lease expires by itself
    }
    await client.end().catch(() => undefined);
  }

  private apply(epoch: bigint): void {
    if (epoch > this.epoch) this.epoch = epoch;
    void this.acknowledge();
  }

  /** Records the newest epoch applied here; one statement in flight, the latest value wins. */
  private async acknowledge(): Promise<void> {
    if (this.acking || !this.client || this.epoch <= this.acked) return;
    this.acking = true;
    const epoch = this.epoch;
    try {
      await this.client.query(
        'UPDATE resolver_nodes SET seen_epoch = greatest(seen_epoch, $2) WHERE id = $1',
        [this.id, epoch.toString()],
      );
      if (epoch > this.acked) this.acked = epoch;
    } catch (error) {
      this.log.warn({ err: error }, 'resolver lease: could not acknowledge the epoch');
    } finally {
      this.acking = false;
    }
    if (this.epoch > this.acked) void this.acknowledge();
  }

  private async renew(): Promise<void> {
    const client = this.client;
    if (!client || this.stopped) return;
    const sent = performance.now();
    try {
      const { rows } = await client.query<{ epoch: string }>(
        `INSERT INTO resolver_nodes (id, seen_epoch, lease_until, host)
         VALUES ($1, $2, now() + make_interval(secs => $3::float8 / 1000), $4)
         ON CONFLICT (id) DO UPDATE SET seen_epoch = greatest(resolver_nodes.seen_epoch, excluded.seen_epoch),
           lease_until = excluded.lease_until
         RETURNING (SELECT epoch FROM resolver_epoch WHERE id = 1)::text AS epoch`,
        [this.id, this.epoch.toString(), this.options.leaseMs, hostname()],
      );
      const epoch = BigInt(rows[0]?.epoch ?? '0');
      if (epoch > this.epoch) this.epoch = epoch;
      void this.acknowledge();
      if (this.client === client) this.validUntil = sent + this.options.leaseMs - safetyMs;
    } catch (error) {
      this.log.warn({ err: error }, 'resolver lease: renewal failed, reading the epoch per request');
    }
    if (this.client === client && !this.stopped)
      this.timer = setTimeout(() => void this.renew(), this.renewMs);
  }

  private lost(generation: number, client: pg.Client, error?: unknown): void {
    client.removeAllListeners('notification');
    void client.end().catch(() => undefined);
    if (generation !== this.generation) return; // a connection already replaced
    this.validUntil = 0;
    this.client = undefined;
    clearTimeout(this.timer);
    if (this.stopped) return;
    if (error)
      this.log.warn({ err: error }, 'resolver lease: connection lost, reading the epoch per request');
    this.timer = setTimeout(() => void this.start(), 1_000);
  }
}

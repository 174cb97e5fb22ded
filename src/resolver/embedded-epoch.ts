import type { PGlite } from '@electric-sql/pglite';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/types.js';

const channelName = 'suyuan_resolver_epoch';

/**
 * The resolver epoch on the embedded database, known without a query. One process holds a PGlite
 * folder (src/db/lock.ts), so every change that bumps `resolver_epoch` is made by this process,
 * and the bump's notification (migration 0054's trigger) is delivered to this listener before the
 * writer's COMMIT returns (PGlite handles a statement's notifications before resolving it). So the
 * epoch held here is never older than any change a caller has seen acknowledged, which is what
 * EpochLease gives a process on PostgreSQL with a lease, without the lease.
 */
export class EmbeddedEpoch {
  private epoch: string | undefined;
  private off: (() => void) | undefined;

  /**
   * `db` must be the pool over `pglite`: statements go through it, never through PGlite's own
   * query(), which interleaved with a pooled client's extended-protocol messages and dropped its
   * unnamed prepared statement ("unnamed prepared statement does not exist" in the capture worker).
   */
  constructor(
    private readonly pglite: PGlite,
    private readonly db: Kysely<DB>,
  ) {}

  /** Listens, then reads the epoch once; a notification arriving meanwhile is newer and kept. */
  async start(): Promise<void> {
    this.off = this.pglite.onNotification((channel, payload) => {
      if (channel === channelName) this.epoch = payload;
    });
    // one backend session: a LISTEN from any pooled client holds for every client
    await sql`LISTEN suyuan_resolver_epoch`.execute(this.db);
    const { rows } = await sql<{ epoch: string }>`
      SELECT epoch::text AS epoch FROM resolver_epoch WHERE id = 1`.execute(this.db);
    this.epoch ??= rows[0]?.epoch ?? '0';
  }

  /** The epoch to serve from; undefined before start (FactsCache then reads it). */
  current(): string | undefined {
    return this.epoch;
  }

  /** Stops taking notifications (the LISTEN ends with the database). */
  async stop(): Promise<void> {
    this.epoch = undefined;
    this.off?.();
    this.off = undefined;
  }
}

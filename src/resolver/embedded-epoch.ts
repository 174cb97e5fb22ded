import type { PGlite } from '@electric-sql/pglite';

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
  private unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly pglite: PGlite) {}

  /** Listens, then reads the epoch once; a notification arriving meanwhile is newer and kept. */
  async start(): Promise<void> {
    this.unlisten = await this.pglite.listen('suyuan_resolver_epoch', (payload) => {
      this.epoch = payload;
    });
    const { rows } = await this.pglite.query<{ epoch: string }>(
      'SELECT epoch::text AS epoch FROM resolver_epoch WHERE id = 1',
    );
    this.epoch ??= rows[0]?.epoch ?? '0';
  }

  /** The epoch to serve from; undefined before start (FactsCache then reads it). */
  current(): string | undefined {
    return this.epoch;
  }

  /** Stops listening; nothing to do once the database is closed (its listeners went with it). */
  async stop(): Promise<void> {
    this.epoch = undefined;
    const unlisten = this.unlisten;
    this.unlisten = undefined;
    if (unlisten === undefined || this.pglite.closed) return;
    await unlisten();
  }
}

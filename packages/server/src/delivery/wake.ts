import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Capabilities } from '../db/capabilities.js';
import { afterCommit, type Tx } from '../db/transaction.js';
import type { DeliveryAdopter, DueSignal } from '../events/types.js';
import { DELIVERIES_CHANNEL, listenForDeliveries } from './notify.postgres.js';

/**
 * "Deliveries are due": the one path from whatever made deliveries due (emit, manual retry, replay,
 * re-enabling an endpoint) to the dispatchers that send them, built once per process as `ctx.wake`.
 *
 * - In this process: dispatchers subscribed here are woken once the transaction commits.
 * - Other processes (PostgreSQL): a NOTIFY, sent on commit. Rows INSERTed into deliveries notify by
 *   themselves (migration 004's statement trigger); re-queued rows are UPDATEs, which it does not
 *   see, so deliveriesDue() sends the NOTIFY for them.
 *
 * A wake-up is only a hint: every dispatcher also polls (LINKWIRE_POLL_MS), which is the guarantee.
 */
export class DeliveryWake implements DueSignal {
  private readonly subscribers = new Set<() => void>();
  private listener: { close(): Promise<void> } | null = null;
  private local: DeliveryAdopter | null = null;

  constructor(
    private readonly caps: Capabilities,
    /** Where to LISTEN for other processes' hints; null on SQLite (one writer process). */
    private readonly databaseUrl: string | null,
    private readonly log: Logger,
  ) {}

  /**
   * Marks deliveries as due in `tx`. `inserted`: new delivery rows (the INSERT trigger notifies);
   * `requeued`: existing rows made due again.
   */
  async deliveriesDue(tx: Tx, how: 'inserted' | 'requeued'): Promise<void> {
    if (how === 'requeued' && this.caps.listenNotify) await sql`SELECT pg_notify(${DELIVERIES_CHANNEL}, '')`.execute(tx);
    afterCommit(tx, this.wakeLocal);
  }

  adopter(): DeliveryAdopter | null {
    return this.local;
  }

  /** Registers this process's dispatcher as the one fan-out hands fresh deliveries to (events/types.ts). */
  adoptWith(adopter: DeliveryAdopter): () => void {
    this.local = adopter;
    return () => {
      if (this.local === adopter) this.local = null;
    };
  }

  /**
   * Calls `wake` whenever deliveries may be due: after this process's commits and, on PostgreSQL,
   * on another process's NOTIFY (one LISTEN connection per process, opened for the first subscriber).
   */
  subscribe(wake: () => void): () => Promise<void> {
    this.subscribers.add(wake);
    if (this.caps.listenNotify && this.databaseUrl && !this.listener) {
      this.listener = listenForDeliveries(this.databaseUrl, this.log, this.wakeLocal);
    }
    return async () => {
      this.subscribers.delete(wake);
      if (this.subscribers.size === 0 && this.listener) {
        const listener = this.listener;
        this.listener = null;
        await listener.close();
      }
    };
  }

  private readonly wakeLocal = (): void => {
    for (const wake of this.subscribers) wake();
  };
}

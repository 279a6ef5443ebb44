/**
 * Everything that differs between the two engines, as data. Domain code reads these flags;
 * it never asks which database it is on. Dialect-specific SQL lives in files named after the
 * dialect (e.g. delivery/claim.sqlite.ts, delivery/claim.postgres.ts).
 */
export interface Capabilities {
  /** For logs, metrics and picking a dialect file; not for branching in domain code. */
  readonly dialect: 'sqlite' | 'postgres';
  /** Several processes may claim work concurrently (FOR UPDATE SKIP LOCKED). */
  readonly concurrentWorkers: boolean;
  /** LISTEN/NOTIFY is available as a wake-up hint across processes. */
  readonly listenNotify: boolean;
  /** Maximum bound parameters in one statement: batch sizes are derived from it. */
  readonly maxParameters: number;
  /**
   * Write transactions run concurrently, so a check-then-insert needs `SELECT … FOR UPDATE` on a row
   * to serialise; SQLite runs one write transaction at a time (and has no FOR UPDATE).
   */
  readonly rowLocks: boolean;
  /** Planner settings can be changed for one transaction (`set_config(…, true)`; db/transaction.ts). */
  readonly plannerSettings: boolean;
  /** Pending deliveries are claimed from the delivery_queue table (db/delivery-queue.ts, migration 017). */
  readonly deliveryQueue: boolean;
}

export const SQLITE_CAPABILITIES: Capabilities = {
  dialect: 'sqlite',
  concurrentWorkers: false,
  listenNotify: false,
  // SQLITE_MAX_VARIABLE_NUMBER is 32766 since SQLite 3.32.
  maxParameters: 32_000,
  rowLocks: false,
  plannerSettings: false,
  deliveryQueue: false,
};

export const POSTGRES_CAPABILITIES: Capabilities = {
  dialect: 'postgres',
  concurrentWorkers: true,
  listenNotify: true,
  maxParameters: 65_000,
  rowLocks: true,
  plannerSettings: true,
  deliveryQueue: true,
};

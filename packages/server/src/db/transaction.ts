import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

export type Tx = Transaction<DB>;

const pending = new WeakMap<Tx, Array<() => void>>();

/** Runs `fn` once the transaction `tx` has committed (only when it was opened by inTransaction). */
export function afterCommit(tx: Tx, fn: () => void): void {
  const list = pending.get(tx);
  if (list) list.push(fn);
  // Outside inTransaction there is no commit hook; callers rely on the poll (the guarantee).
}

/** db.transaction() plus after-commit hooks, e.g. waking the dispatcher for new deliveries. */
export async function inTransaction<T>(db: Kysely<DB>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  let hooks: Array<() => void> = [];
  const result = await db.transaction().execute(async (tx) => {
    hooks = [];
    pending.set(tx, hooks);
    return fn(tx);
  });
  for (const hook of hooks) hook();
  return result;
}

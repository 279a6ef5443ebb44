import type { Tx } from '../db/transaction.js';
import type { DueSignal } from '../events/types.js';

// A disabled endpoint's pending deliveries are "held": still `pending`, but due at a time that
// never comes, so the claim query (which scans pending rows in due order) never even sees them.
// Re-enabling makes them due now. This keeps the hot claim query free of a join on webhooks.
export const HELD_UNTIL = Number.MAX_SAFE_INTEGER;

export async function holdDeliveries(tx: Tx, webhookId: string): Promise<void> {
  await tx
    .updateTable('deliveries')
    .set({ nextAttemptAt: HELD_UNTIL, claimedBy: null })
    .where('webhookId', '=', webhookId)
    .where('status', '=', 'pending')
    .execute();
}

export async function resumeDeliveries(wake: DueSignal, tx: Tx, webhookId: string, now = Date.now()): Promise<number> {
  const res = await tx
    .updateTable('deliveries')
    .set({ nextAttemptAt: now, updatedAt: now })
    .where('webhookId', '=', webhookId)
    .where('status', '=', 'pending')
    .where('nextAttemptAt', '=', HELD_UNTIL)
    .executeTakeFirst();
  const resumed = Number(res.numUpdatedRows);
  if (resumed > 0) await wake.deliveriesDue(tx, 'requeued');
  return resumed;
}

import type { AdoptedDelivery } from '../events/types.js';

// A claimed delivery, as the claim statements return it: a leaf that the claim of each dialect,
// the dispatcher and the results writer share (claim.ts picks the dialect's claim and imports those).

/**
 * A delivery this worker now holds a lease on: claimed, or adopted from the transaction that wrote
 * it (events/types.ts, where fan-out, which makes the adopted ones, can see the type).
 */
export type ClaimedDelivery = AdoptedDelivery;

/** Claimed rows as arrays (runCompiledArrays), columns in ClaimedDelivery's order. */
export function claimedFromRows(rows: unknown[][]): ClaimedDelivery[] {
  const claimed = new Array<ClaimedDelivery>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    claimed[i] = {
      id: r[0] as string,
      accountId: r[1] as string,
      webhookId: r[2] as string,
      eventId: r[3] as string,
      attemptCount: r[4] as number,
      isTest: r[5] as number,
      payload: r[6] as string | Uint8Array | null,
    };
  }
  return claimed;
}

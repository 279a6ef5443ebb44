// A claimed delivery, as the claim statements return it: a leaf that the claim of each dialect,
// the dispatcher and the results writer share (claim.ts picks the dialect's claim and imports those).

/** A delivery this worker now holds a lease on. */
export interface ClaimedDelivery {
  id: string;
  accountId: string;
  webhookId: string;
  eventId: string;
  /** Attempts made before this one. */
  attemptCount: number;
  isTest: number;
  /**
   * The event's stored envelope, sent byte for byte; null when the event was purged meanwhile.
   * Bytes on SQLite (claim.sqlite.ts says why), text on PostgreSQL.
   */
  payload: string | Uint8Array | null;
}

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

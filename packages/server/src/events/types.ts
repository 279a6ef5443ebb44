import type { Tx } from '../db/transaction.js';
import type { EventData, EventType } from './catalog.js';

// The types emit() and fan-out share, in a leaf file so that neither imports the other.

export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  timestamp: string;
  accountId: string;
  data: EventData<T>;
}

export interface EmittedEvent {
  id: string;
  type: EventType;
  accountId: string;
  createdAt: number;
  /** The serialized envelope: stored once, sent byte-for-byte by every delivery. */
  payload: string;
  data: unknown;
  deliveries: number;
}

export interface EmitOptions {
  /** Only fan out to this endpoint (test sends). */
  onlyWebhookId?: string;
  isTest?: boolean;
  now?: number;
  /**
   * Hand the new deliveries to this process's dispatcher when it has room, already leased to it,
   * instead of leaving them due for a claim (the click path: DeliveryAdopter below).
   */
  handoff?: boolean;
}

/** One event to write: emitMany() takes a batch of these. */
export interface EventInput<T extends EventType = EventType> {
  accountId: string;
  type: T;
  data: EventData<T>;
  /** Event time (epoch ms); defaults to now. */
  now?: number;
}

/** A delivery as its dispatcher holds it, adopted or claimed (delivery/claimed.ts calls it ClaimedDelivery). */
export interface AdoptedDelivery {
  id: string;
  accountId: string;
  webhookId: string;
  eventId: string;
  /** Attempts made before this one. */
  attemptCount: number;
  isTest: number;
  /**
   * The event's stored envelope, sent byte for byte; null when the event was purged meanwhile.
   * Bytes on SQLite (delivery/claim.sqlite.ts says why) and when adopted, text when claimed on PostgreSQL.
   */
  payload: string | Uint8Array | null;
}

/**
 * A dispatcher running in this process that takes new deliveries straight from the transaction
 * that wrote them (delivery/dispatcher.ts): fan-out writes them leased to `workerId` until
 * `leaseMs` from now, and after the commit `adopt()` starts them as if a claim had returned them.
 * No claim statement rewrites them first. A crash leaves them leased to a holder that is gone, like
 * any claim (delivery/takeover.ts takes them back).
 */
export interface DeliveryAdopter {
  readonly workerId: string;
  readonly leaseMs: number;
  /** How many more deliveries it can hold now; 0 while it stops. */
  room(): number;
  /** Called once the transaction committed. */
  adopt(deliveries: AdoptedDelivery[]): void;
}

/** Tells the delivery workers that deliveries became due in `tx` (implemented by delivery/wake.ts). */
export interface DueSignal {
  deliveriesDue(tx: Tx, how: 'inserted' | 'requeued'): Promise<void>;
  /** This process's dispatcher, when one runs here and takes deliveries from their transaction. */
  adopter(): DeliveryAdopter | null;
}

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
}

/** One event to write: emitMany() takes a batch of these. */
export interface EventInput<T extends EventType = EventType> {
  accountId: string;
  type: T;
  data: EventData<T>;
  /** Event time (epoch ms); defaults to now. */
  now?: number;
}

/** Tells the delivery workers that deliveries became due in `tx` (implemented by delivery/wake.ts). */
export interface DueSignal {
  deliveriesDue(tx: Tx, how: 'inserted' | 'requeued'): Promise<void>;
}

import { afterCommit, type Tx } from '../db/transaction.js';
import { fanOut } from '../webhooks/fanout.js';
import { newId } from '../lib/ids.js';
import { DATA_SCHEMAS, type EventData, type EventType } from './catalog.js';

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

type Listener = () => void;
const queuedListeners = new Set<Listener>();

/** In-process wake-up for the dispatcher: called after a transaction that queued deliveries commits. */
export function onDeliveriesQueued(listener: Listener): () => void {
  queuedListeners.add(listener);
  return () => queuedListeners.delete(listener);
}

/** Wakes in-process listeners; also used after re-queueing (manual retry, replay). */
export function notifyQueued() {
  for (const listener of queuedListeners) listener();
}

/**
 * The transactional outbox: writes the event, and one delivery per matching endpoint, inside the
 * caller's transaction. If the cause rolls back, so does the event; once it commits, the event and
 * its deliveries are durable and the dispatcher is woken.
 */
export async function emit<T extends EventType>(tx: Tx, accountId: string, type: T, data: EventData<T>, opts: EmitOptions = {}): Promise<EmittedEvent> {
  const parsed = DATA_SCHEMAS[type].safeParse(data);
  if (!parsed.success) {
    // A programming error, not user input: fail the cause's transaction loudly.
    throw new Error(`emit(${type}): data does not match the catalog: ${parsed.error.message}`);
  }
  const createdAt = opts.now ?? Date.now();
  const id = newId('evt');
  const envelope: EventEnvelope<T> = { id, type, timestamp: new Date(createdAt).toISOString(), accountId, data };
  const payload = JSON.stringify(envelope);
  await tx.insertInto('events').values({ id, accountId, type, createdAt, payload }).execute();
  const event: EmittedEvent = { id, type, accountId, createdAt, payload, data, deliveries: 0 };
  event.deliveries = await fanOut(tx, event, opts);
  if (event.deliveries > 0) afterCommit(tx, notifyQueued);
  return event;
}

import { ladderChunks, runCompiled } from '../db/compiled.js';
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

/** One event to write: emitMany() takes a batch of these. */
export interface EventInput<T extends EventType = EventType> {
  accountId: string;
  type: T;
  data: EventData<T>;
  /** Event time (epoch ms); defaults to now. */
  now?: number;
}

/**
 * The transactional outbox: writes the event, and one delivery per matching endpoint, inside the
 * caller's transaction. If the cause rolls back, so does the event; once it commits, the event and
 * its deliveries are durable and the dispatcher is woken.
 */
export async function emit<T extends EventType>(tx: Tx, accountId: string, type: T, data: EventData<T>, opts: EmitOptions = {}): Promise<EmittedEvent> {
  const [event] = await emitMany(tx, [{ accountId, type, data, now: opts.now }], opts);
  return event!;
}

// Event data is built by our own code and typed against the catalog; validating it again at run
// time catches a drift between the two. Outside production every event is checked; in production
// the first VALIDATED_IN_PRODUCTION of each type per process are, which finds a drift on the first
// clicks after a deploy without paying zod on every redirect (it was ≈ 2–3 % of the redirect
// path's CPU in bench --profile).
export const VALIDATED_IN_PRODUCTION = 1_000;

/** Whether to zod-check the next event of a type (exported for its test). */
export function validationSampler(production: boolean): (type: EventType) => boolean {
  if (!production) return () => true;
  const validated = new Map<EventType, number>();
  return (type) => {
    const n = validated.get(type) ?? 0;
    if (n >= VALIDATED_IN_PRODUCTION) return false;
    validated.set(type, n + 1);
    return true;
  };
}

const shouldValidate = validationSampler(process.env.NODE_ENV === 'production');

/**
 * emit() for a batch (group-committed clicks and visits, `linkwire trigger`): one multi-row INSERT
 * for the events and one fan-out for the batch, instead of a few statements per event. Events are
 * written in input order; their ids sort in that order too.
 */
export async function emitMany(tx: Tx, inputs: readonly EventInput[], opts: EmitOptions = {}): Promise<EmittedEvent[]> {
  const events: EmittedEvent[] = inputs.map(({ accountId, type, data, now }) => {
    if (shouldValidate(type)) {
      const parsed = DATA_SCHEMAS[type].safeParse(data);
      if (!parsed.success) {
        // A programming error, not user input: fail the cause's transaction loudly.
        throw new Error(`emit(${type}): data does not match the catalog: ${parsed.error.message}`);
      }
    }
    const createdAt = now ?? opts.now ?? Date.now();
    const id = newId('evt');
    const envelope: EventEnvelope = { id, type, timestamp: new Date(createdAt).toISOString(), accountId, data };
    return { id, type, accountId, createdAt, payload: JSON.stringify(envelope), data, deliveries: 0 };
  });
  // Multi-row INSERTs in chunks of db/compiled.ts's VALUES_LADDER (powers of two up to 256 rows):
  // compiled once per chunk size, then re-run with new parameters.
  for (const chunk of ladderChunks(events)) {
    const params: unknown[] = [];
    for (const e of chunk) params.push(e.id, e.accountId, e.type, e.createdAt, e.payload);
    await runCompiled(tx, `emitMany.events:${chunk.length}`, params, () =>
      tx.insertInto('events').values(chunk.map(({ id, accountId, type, createdAt, payload }) => ({ id, accountId, type, createdAt, payload }))),
    );
  }
  if ((await fanOut(tx, events, opts)) > 0) afterCommit(tx, notifyQueued);
  return events;
}

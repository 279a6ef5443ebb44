import type { Plans } from '../accounts/plans.js';
import type { Capabilities } from '../db/capabilities.js';
import { ladderChunks, runCompiled } from '../db/compiled.js';
import { afterCommit, hasCommitHooks, type Tx } from '../db/transaction.js';
import { newId } from '../lib/ids.js';
import { DATA_SCHEMAS, type EventData, type EventType } from './catalog.js';
import { FanOut } from './fanout.js';
import type { DueSignal, EmitOptions, EmittedEvent, EventEnvelope, EventInput } from './types.js';

export type { EmitOptions, EmittedEvent, EventEnvelope, EventInput } from './types.js';

// Event data is built by our own code and typed against the catalog; validating it again at run
// time catches a drift between the two. Outside production every event is checked; in production
// the first VALIDATED_IN_PRODUCTION of each type per process are, which finds a drift on the first
// clicks after a deploy without paying zod on every redirect (≈ 2–3 % of the redirect path's CPU
// in bench --profile).
export const VALIDATED_IN_PRODUCTION = 1_000;

/** Whether to zod-check the next event of a type. */
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

/**
 * The transactional outbox, built once per process as `ctx.outbox`: writes events, and one
 * delivery per matching endpoint, inside the caller's transaction. If the cause rolls back, so
 * does the event; once it commits, the event and its deliveries are durable and the delivery
 * workers are woken (`ctx.wake`).
 */
export class Outbox {
  private readonly shouldValidate: (type: EventType) => boolean;
  private readonly fanOut: FanOut;
  private readonly wake: DueSignal;

  constructor(deps: { plans: Plans; caps: Capabilities; wake: DueSignal; production: boolean }) {
    this.shouldValidate = validationSampler(deps.production);
    this.fanOut = new FanOut(deps.plans, deps.caps);
    this.wake = deps.wake;
  }

  async emit<T extends EventType>(tx: Tx, accountId: string, type: T, data: EventData<T>, opts: EmitOptions = {}): Promise<EmittedEvent> {
    const [event] = await this.emitMany(tx, [{ accountId, type, data, now: opts.now }], opts);
    return event!;
  }

  /**
   * emit() for a batch (group-committed clicks and visits, `linkwire trigger`): one multi-row INSERT
   * for the events and one fan-out for the batch, instead of a few statements per event. Events are
   * written in input order; their ids sort in that order too.
   */
  async emitMany(tx: Tx, inputs: readonly EventInput[], opts: EmitOptions = {}): Promise<EmittedEvent[]> {
    const events: EmittedEvent[] = inputs.map(({ accountId, type, data, now }) => {
      if (this.shouldValidate(type)) {
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
    // Adopted only where a commit hook will hand them over: leased rows nobody adopts would wait out the lease.
    const adopter = opts.handoff && hasCommitHooks(tx) ? this.wake.adopter() : null;
    const { due, adopted } = await this.fanOut.run(tx, events, opts, adopter);
    if (adopted.length > 0) afterCommit(tx, () => adopter!.adopt(adopted));
    if (due > 0) await this.wake.deliveriesDue(tx, 'inserted');
    return events;
  }
}

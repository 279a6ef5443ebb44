import { randomBytes } from 'node:crypto';
import type { AppContext } from '../src/context.js';
import { inTransaction } from '../src/db/transaction.js';
import { newId } from '../src/lib/ids.js';
import { seal } from '../src/lib/secretbox.js';

// Endpoint rows, events and the rows they produce, for the delivery tests. The loopback receiver
// and waitFor are the test kit's; they are re-exported for the delivery tests that import them
// from here (dispatch, sender, threaded-sender), until those import the kit themselves.
export { type Handler, type ReceivedRequest, type Receiver, startReceiver, waitFor } from '@linkwire/test-kit';

export const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export interface EndpointInput {
  url: string;
  events?: string[];
  timeoutMs?: number;
  headers?: Record<string, string>;
  secret?: string;
  previousSecret?: string;
  previousSecretExpiresAt?: number;
  enabled?: boolean;
  createdAt?: number;
}

/** Inserts an endpoint row as the webhooks API stores it (secret sealed under the master key). */
export async function createEndpoint(ctx: AppContext, accountId: string, input: EndpointInput): Promise<{ id: string; secret: string }> {
  const id = newId('wh');
  const secret = input.secret ?? newSecret();
  const now = input.createdAt ?? Date.now();
  await ctx.db
    .insertInto('webhooks')
    .values({
      id,
      accountId,
      url: input.url,
      description: null,
      events: JSON.stringify(input.events ?? ['*']),
      filter: null,
      kind: 'http',
      format: 'standard',
      source: 'api',
      device: null,
      timeoutMs: input.timeoutMs ?? 5_000,
      headers: JSON.stringify(input.headers ?? {}),
      enabled: input.enabled === false ? 0 : 1,
      disabledReason: null,
      disabledAt: null,
      secretEnc: seal(ctx.masterKey, secret),
      previousSecretEnc: input.previousSecret ? seal(ctx.masterKey, input.previousSecret) : null,
      previousSecretExpiresAt: input.previousSecret ? (input.previousSecretExpiresAt ?? Date.now() + 3_600_000) : null,
      lastSuccessAt: null,
      failingSince: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    })
    .execute();
  return { id, secret };
}

/** Emits one sample event for the account in its own transaction. */
export async function emitOne(ctx: AppContext, accountId: string, integration = 'slack') {
  return inTransaction(ctx.db, (tx) => ctx.outbox.emit(tx, accountId, 'integration.connected', { integration, integrationId: 'wh_test' }));
}

/** `count` integration.connected events for the account, in one transaction (a backlog at once). */
export async function emitConnected(ctx: AppContext, accountId: string, count: number) {
  await inTransaction(ctx.db, async (tx) => {
    for (let i = 0; i < count; i++) await ctx.outbox.emit(tx, accountId, 'integration.connected', { integration: `i${i}`, integrationId: `wh_${i}` });
  });
}

export async function deliveryRows(ctx: AppContext, webhookId: string) {
  return ctx.db.selectFrom('deliveries').selectAll().where('webhookId', '=', webhookId).orderBy('id').execute();
}

export async function attemptRows(ctx: AppContext, deliveryId: string) {
  return ctx.db.selectFrom('attempts').selectAll().where('deliveryId', '=', deliveryId).orderBy('attempt').execute();
}

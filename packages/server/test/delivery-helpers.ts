import { inTransaction } from '../src/db/transaction.js';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppContext } from '../src/context.js';
import { newId } from '../src/lib/ids.js';
import { seal } from '../src/lib/secretbox.js';

// Real receivers on 127.0.0.1 and endpoint rows for the delivery tests.

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export type Handler = (req: ReceivedRequest, res: ServerResponse) => void;

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  /** Replace how the receiver answers (default: 200 "ok"). */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startReceiver(handler?: Handler): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let current: Handler = handler ?? ((_req, res) => res.end('ok'));
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      requests.push(received);
      current(received, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    handle(h) {
      current = h;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

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

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`). */
/** What a truthy check returns: `false`, `0`, `''`, null and undefined mean "not yet". */
type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 10_000): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Emits one sample event for the account in its own transaction. */
export async function emitOne(ctx: AppContext, accountId: string, integration = 'slack') {
  return inTransaction(ctx.db, (tx) => ctx.outbox.emit(tx, accountId, 'integration.connected', { integration }));
}

/** `count` integration.connected events for the account, in one transaction (a backlog at once). */
export async function emitConnected(ctx: AppContext, accountId: string, count: number) {
  await inTransaction(ctx.db, async (tx) => {
    for (let i = 0; i < count; i++) await ctx.outbox.emit(tx, accountId, 'integration.connected', { integration: `i${i}` });
  });
}

export async function deliveryRows(ctx: AppContext, webhookId: string) {
  return ctx.db.selectFrom('deliveries').selectAll().where('webhookId', '=', webhookId).orderBy('id').execute();
}

export async function attemptRows(ctx: AppContext, deliveryId: string) {
  return ctx.db.selectFrom('attempts').selectAll().where('deliveryId', '=', deliveryId).orderBy('attempt').execute();
}

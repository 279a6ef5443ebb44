import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a receiver got it: the body both as bytes (for signatures) and as text. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  body: string;
  /** Date.now() when the whole body had arrived. */
  at: number;
}

export type Handler = (req: ReceivedRequest, res: ServerResponse) => void;

export interface Receiver {
  /** http://127.0.0.1:<port><path> */
  url: string;
  /** Every request so far, in arrival order. */
  requests: ReceivedRequest[];
  /** Replaces how the receiver answers (default: 200 "ok"). */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export interface ReceiverOptions {
  /** The path of `url` (default `/hook`); the receiver answers on every path. */
  path?: string;
}

/** A real HTTP server on 127.0.0.1 (port chosen by the OS) that records what it receives. */
export async function startReceiver(handler?: Handler, opts: ReceiverOptions = {}): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  let current: Handler = handler ?? ((_req, res) => res.end('ok'));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, raw, body: raw.toString('utf8'), at: Date.now() };
      requests.push(received);
      current(received, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${opts.path ?? '/hook'}`,
    requests,
    handle(next) {
      current = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The receivers of one suite: `start()` them in the tests, `close()` them all in the suite's
 * `after` hook (after stopping whatever sends to them).
 */
export interface ReceiverPool {
  start(handler?: Handler, opts?: ReceiverOptions): Promise<Receiver>;
  close(): Promise<void>;
}

export function receiverPool(): ReceiverPool {
  const started: Receiver[] = [];
  return {
    async start(handler, opts) {
      const receiver = await startReceiver(handler, opts);
      started.push(receiver);
      return receiver;
    },
    async close() {
      await Promise.all(started.splice(0).map((r) => r.close()));
    },
  };
}

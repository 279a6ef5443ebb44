import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter } from 'prom-client';
import type { AppContext, BackgroundService } from '../context.js';
import { instanceHost } from './for-link.js';
import { hostOfHeader } from './hostname.js';
import { isServing } from './hosts.js';

// The TLS permission endpoint of PRODUCT.md §10 for Caddy's on-demand TLS (`ask`): GET
// /internal/tls/allow?domain=<host> answers 200 for the instance's host and serving custom domains,
// 403 otherwise. It is a second, plain node:http listener bound to 127.0.0.1 (LINKWIRE_INTERNAL_PORT,
// off by default), never on the public port, and it answers from the in-memory host map only: a
// database blip does not turn verified domains away (the map keeps its last good load).

export interface TlsAskService extends BackgroundService {
  /** The port it listens on (LINKWIRE_INTERNAL_PORT, or the one taken for port 0). */
  port: number;
}

export async function startTlsAsk(ctx: AppContext, port: number): Promise<TlsAskService> {
  const asks = new Counter({
    name: 'linkwire_tls_ask_total',
    help: 'TLS permission requests (/internal/tls/allow) by answer',
    labelNames: ['result'] as const,
    registers: [ctx.metrics.registry],
  });
  if (!ctx.hosts.loaded) await ctx.hosts.reload(ctx.db);
  const own = instanceHost(ctx);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://internal');
    if (req.method !== 'GET' || url.pathname !== '/internal/tls/allow') {
      res.writeHead(404).end();
      return;
    }
    const host = hostOfHeader(url.searchParams.get('domain') ?? '');
    const entry = ctx.hosts.get(host);
    const allowed = host !== '' && (host === own || (entry !== undefined && isServing(entry)));
    asks.inc({ result: allowed ? 'allowed' : 'denied' });
    res.writeHead(allowed ? 200 : 403, { 'content-type': 'text/plain; charset=utf-8' }).end(allowed ? 'allowed' : 'denied');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  ctx.log.info({ port: (server.address() as AddressInfo).port }, 'TLS ask endpoint listening on loopback');
  return {
    name: 'tls-ask',
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The API_SERVICES entry: the listener when LINKWIRE_INTERNAL_PORT is set, else nothing runs. */
export async function startTlsAskIfConfigured(ctx: AppContext): Promise<BackgroundService> {
  const port = ctx.config.domains.internalPort;
  if (port === null) return { name: 'tls-ask (off: LINKWIRE_INTERNAL_PORT unset)', stop: async () => {} };
  return startTlsAsk(ctx, port);
}

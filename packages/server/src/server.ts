import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { type Config, defaultPublicUrl } from './config.js';
import { type AppContext, type BackgroundService, type BackgroundStarter, createContext } from './context.js';

export interface RunningNode {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Started for roles `api` and `all` (e.g. link expiry, click flushing). */
  apiServices?: BackgroundStarter[];
  /** Started for roles `worker` and `all` (the delivery dispatcher, retention). */
  workerServices?: BackgroundStarter[];
}

/**
 * Listens on PORT/HOST and runs the background services of the configured role. Shutdown order:
 * stop accepting requests → stop background services (the dispatcher drains or hands back its
 * leases) → close the database.
 */
export async function startNode(config: Config, opts: StartOptions = {}): Promise<RunningNode> {
  const ctx = await createContext(config);
  let ready = false;
  const app = await buildApp(ctx, { healthOnly: config.role === 'worker', isReady: () => ready });
  const services: BackgroundService[] = [];
  try {
    if (config.role !== 'worker') for (const start of opts.apiServices ?? []) services.push(await start(ctx));
    if (config.role !== 'api') for (const start of opts.workerServices ?? []) services.push(await start(ctx));
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await Promise.allSettled(services.map((s) => s.stop()));
    await app.close().catch(() => {});
    await ctx.database.close();
    throw err;
  }
  ready = true;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // PORT=0 (tests, the bench) takes a free port at listen; the default public URL follows it, so
  // short links and profile URLs point at this node. Set before the node reports ready.
  if (config.port === 0 && config.publicUrl === defaultPublicUrl(0)) config.publicUrl = defaultPublicUrl(port);
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  ctx.log.info({ url, role: config.role, database: ctx.database.describe }, 'linkwire listening');

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      ready = false;
      await app.close();
      for (const service of services.reverse()) {
        try {
          await service.stop();
        } catch (err) {
          ctx.log.error({ err, service: service.name }, 'background service failed to stop cleanly');
        }
      }
      await ctx.database.close();
    })();
    return closing;
  };
  return { app, ctx, url, close };
}

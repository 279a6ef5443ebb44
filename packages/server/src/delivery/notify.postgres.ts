import pg from 'pg';
import type { Logger } from 'pino';

/** The channel migration 004's trigger notifies after every INSERT into deliveries. */
export const DELIVERIES_CHANNEL = 'linkwire_deliveries';

/**
 * LISTEN on a dedicated connection (not one borrowed from the pool for ever). A notification is
 * only a latency hint — the poll is the guarantee — so a lost connection is logged and re-opened
 * with backoff, never fatal.
 */
export function listenForDeliveries(
  connectionString: string,
  log: Logger,
  onNotify: () => void,
  /** Another channel for the same mechanism (domains/worker.ts listens on linkwire_domains). */
  channel = DELIVERIES_CHANNEL,
): { close(): Promise<void> } {
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = 500;
  let timer: NodeJS.Timeout | null = null;

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({ connectionString });
    c.on('notification', () => onNotify());
    c.on('error', (err) => {
      log.warn({ err }, 'delivery LISTEN connection lost; the poll keeps deliveries flowing');
      c.end().catch(() => {});
      if (client === c) client = null;
      schedule();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
      if (closed) {
        await c.end();
        return;
      }
      client = c;
      retryMs = 500;
      // Anything queued while we were not listening is picked up by this wake-up.
      onNotify();
    } catch (err) {
      log.warn({ err }, 'could not LISTEN for deliveries; retrying');
      c.end().catch(() => {});
      schedule();
    }
  };
  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, 30_000);
  };
  void connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      if (c) await c.end().catch(() => {});
    },
  };
}

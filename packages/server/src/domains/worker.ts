import type { AppContext, BackgroundService } from '../context.js';
import { listenForDeliveries } from '../delivery/notify.postgres.js';
import { startPeriodic } from '../lib/periodic.js';
import { DOMAINS_CHANNEL } from './hosts.js';
import { checkDueDomains } from './service.js';

// The background services of custom domains: the worker's scheduled checks, and every api
// process's host map kept fresh (NOTIFY on PostgreSQL, a reload every minute everywhere).

/** Due checks are claimed every 10 s: the shortest step of the backoff is a minute. */
export const CHECK_TICK_MS = 10_000;
export const HOSTS_RELOAD_MS = 60_000;

export function startDomainChecks(ctx: AppContext, tickMs = CHECK_TICK_MS): BackgroundService {
  return startPeriodic(ctx, 'domain-checks', tickMs, tickMs, () => checkDueDomains(ctx));
}

export function startHostReload(ctx: AppContext): BackgroundService {
  const reload = () => ctx.hosts.reload(ctx.db);
  const periodic = startPeriodic(ctx, 'domain-hosts', HOSTS_RELOAD_MS, HOSTS_RELOAD_MS, reload);
  const listener =
    ctx.database.caps.listenNotify && ctx.config.databaseUrl
      ? listenForDeliveries(
          ctx.config.databaseUrl,
          ctx.log,
          () => reload().catch((err) => ctx.log.warn({ err }, 'host map reload on NOTIFY failed; keeping the last one')),
          DOMAINS_CHANNEL,
        )
      : null;
  return {
    name: 'domain-hosts',
    async stop() {
      await listener?.close();
      await periodic.stop();
    },
  };
}

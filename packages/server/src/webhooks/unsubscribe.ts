import { Agent } from 'undici';
import type { AppContext } from '../context.js';
import { createGuardedConnector } from '../lib/ssrf.js';

/**
 * Zapier's reverse unsubscribe: `DELETE <target url>` when a user deletes a Zapier-owned
 * subscription in Linkwire (Zapier then pauses the Zap). Best effort: the deletion has committed;
 * a failure is logged, never an error for the user. The SSRF guard applies as for deliveries.
 */
export async function reverseUnsubscribe(ctx: Pick<AppContext, 'targetPolicy' | 'log'>, url: string, timeoutMs: number): Promise<void> {
  const agent = new Agent({ connect: createGuardedConnector(ctx.targetPolicy, { timeout: timeoutMs }) });
  try {
    const res = await agent.request({
      origin: new URL(url).origin,
      path: `${new URL(url).pathname}${new URL(url).search}`,
      method: 'DELETE',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body.dump();
  } catch (err) {
    ctx.log.warn({ err }, 'Zapier reverse unsubscribe failed (the subscription is deleted anyway)');
  } finally {
    await agent.close().catch(() => {});
  }
}

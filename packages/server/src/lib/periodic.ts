import type { Logger } from 'pino';
import type { BackgroundService } from './background.js';

/**
 * Runs `task` every `everyMs` (first after `firstMs`), never two at once; stop() waits for a run
 * in progress. A failing run is logged and retried at the next tick: maintenance must never take
 * the worker down.
 */
export function startPeriodic(ctx: { log: Logger }, name: string, everyMs: number, firstMs: number, task: () => Promise<unknown>): BackgroundService {
  let running: Promise<void> | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    timer = null;
    if (stopped) return;
    running = task()
      .then(
        () => {},
        (err) => ctx.log.error({ err, service: name }, 'periodic task failed; retrying at the next tick'),
      )
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(tick, everyMs);
      });
  };
  timer = setTimeout(tick, firstMs);
  return {
    name,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { AppContext } from '../context.js';
import type { BreakerState } from './breaker.js';
import { queueStats } from './claim.js';
import { LISTEN_BASE } from './listen.js';

export interface DeliveryMetrics {
  /** The counter of one outcome, resolved once (labels() hashes its argument on every call). */
  outcome(outcome: string): Counter.Internal;
  /** The histogram of one result, resolved once. */
  duration(result: string): Histogram.Internal<'result'>;
}

/** Label children by value: the delivery hot path counts every attempt. */
function byLabel<C>(make: (value: string) => C): (value: string) => C {
  const children = new Map<string, C>();
  return (value) => {
    let child = children.get(value);
    if (child === undefined) {
      child = make(value);
      children.set(value, child);
    }
    return child;
  };
}

function existing<T>(registry: Registry, name: string): T | undefined {
  return registry.getSingleMetric(name) as T | undefined;
}

/**
 * Registers the delivery series on the context's registry (once per registry). Queue depth and
 * the oldest due age are computed on scrape: two aggregates over the partial index of pending rows.
 */
export function deliveryMetrics(ctx: AppContext, breakerCounts?: () => Record<BreakerState, number>): { metrics: DeliveryMetrics; dispose(): void } {
  const registry = ctx.metrics.registry;
  // Breaker state counts across the dispatchers of this process (normally one).
  const sources = ctx.metrics.breakerSources;
  if (breakerCounts) sources.add(breakerCounts);
  const deliveries =
    existing<Counter<'outcome'>>(registry, 'linkwire_deliveries_total') ??
    new Counter({
      name: 'linkwire_deliveries_total',
      help: 'Delivery attempts by outcome: succeeded, retrying, failed (final), released (circuit breaker, no attempt)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    });
  const attemptDuration =
    existing<Histogram<'result'>>(registry, 'linkwire_delivery_attempt_duration_seconds') ??
    new Histogram({
      name: 'linkwire_delivery_attempt_duration_seconds',
      help: 'Duration of delivery attempts (request sent to response read)',
      labelNames: ['result'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
  if (!existing(registry, 'linkwire_delivery_queue_depth')) {
    // Both gauges come from one query per scrape.
    let last: Promise<{ depth: number; oldestDueAgeSeconds: number }> | null = null;
    let lastAt = 0;
    const stats = () => {
      const now = Date.now();
      if (!last || now - lastAt > 1000) {
        lastAt = now;
        // Below LISTEN_BASE: neither held deliveries (HELD_UNTIL) nor those parked for a
        // `linkwire listen` stream (delivery/listen.ts), which wait for a laptop, not for the workers.
        last = queueStats(ctx.db, ctx.database.caps, now, LISTEN_BASE).catch(() => ({ depth: 0, oldestDueAgeSeconds: 0 }));
      }
      return last;
    };
    new Gauge({
      name: 'linkwire_delivery_queue_depth',
      help: 'Pending deliveries (due, scheduled for retry or leased; held ones excluded)',
      registers: [registry],
      async collect() {
        this.set((await stats()).depth);
      },
    });
    new Gauge({
      name: 'linkwire_delivery_oldest_due_age_seconds',
      help: 'How long the oldest pending delivery has been due (0 when none is overdue)',
      registers: [registry],
      async collect() {
        this.set((await stats()).oldestDueAgeSeconds);
      },
    });
    new Gauge({
      name: 'linkwire_endpoint_breaker_open',
      help: 'Endpoints by circuit-breaker state in this process (closed counts only endpoints with recent failures)',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const total: Record<BreakerState, number> = { closed: 0, open: 0, half_open: 0 };
        for (const source of sources) {
          for (const [state, n] of Object.entries(source())) total[state as BreakerState] += n;
        }
        for (const [state, n] of Object.entries(total)) this.set({ state }, n);
      },
    });
  }
  return {
    metrics: {
      outcome: byLabel((outcome) => deliveries.labels({ outcome })),
      duration: byLabel((result) => attemptDuration.labels({ result })),
    },
    dispose() {
      if (breakerCounts) sources.delete(breakerCounts);
    },
  };
}

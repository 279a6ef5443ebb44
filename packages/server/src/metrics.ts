import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process (per app in tests). Other modules register their own series on it. */
export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  /** Clicks and visits per group-commit transaction (links/clicks.ts): what one commit's cost is shared by. */
  clickBatchSize: Histogram;
  /** Redirects answered in front of Fastify (web/fast-redirect.ts): with the 302s of /l/ and /q/, the cache's hit share. */
  fastRedirects: Counter;
  /** Breaker state counts of each running dispatcher (delivery/metrics.ts sums them on scrape). */
  breakerSources: Set<() => Record<string, number>>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'linkwire_process_' });
  const httpDuration = new Histogram({
    name: 'linkwire_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const clickBatchSize = new Histogram({
    name: 'linkwire_click_batch_size',
    help: 'Clicks and visits written per group-commit transaction',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [registry],
  });
  const fastRedirects = new Counter({
    name: 'linkwire_redirect_fast_path_total',
    help: 'Redirects answered by the fast path for cached links, in front of Fastify',
    registers: [registry],
  });
  return { registry, httpDuration, clickBatchSize, fastRedirects, breakerSources: new Set() };
}

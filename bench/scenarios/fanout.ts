// (d) Fan-out: one event to 3 endpoints (3 receiver ports, so 3 origins); deliveries/s while
//     draining a backlog. Target ≥ 0.8× the single-endpoint figure of (a)
//     (bench/README.md#current-results), checked by the row. It drains as many deliveries as (a),
//     with the same warm-up, so the two rates cover windows of the same length: with 15 000
//     deliveries after 1 500 warm ones the timed window was ~1 s, most of it the three endpoints'
//     ramp from 16 sends, and the ratio read 0.49 – 0.57× where equal windows read 0.76×.
import { drainBacklog } from '../lib/drain.js';
import { sqliteStore } from '../lib/linkwire.js';
import { Receiver } from '../lib/receiver-client.js';
import { type Context, type Row, type Scenario, ratioRow } from '../lib/report.js';
import { WARM } from './throughput.js';

export const fanout: Scenario = {
  name: 'fanout',
  kind: 'linkwire',
  description: '(d) one event → 3 endpoints, deliveries/s',
  async run(ctx: Context): Promise<Row[]> {
    const events = Math.ceil((ctx.params.backlogN + WARM) / 3);
    const store = sqliteStore();
    const receiver = await Receiver.start({ ports: 3 });
    try {
      const urls = [0, 1, 2].map((i) => receiver.url(i));
      const r = await drainBacklog({ store, receiver, urls, events, warmDeliveries: WARM, role: 'all', timeoutMs: Math.max(120_000, events * 30) });
      ctx.detail.fanout = { events, ...r };
      const single = ctx.figures.get('throughput.deliveriesPerSec');
      if (!r.complete) {
        return [
          {
            scenario: 'fanout',
            metric: 'deliveries/s (3 endpoints)',
            value: r.rate,
            unit: '/s',
            baseline: single ?? null,
            ratio: single ? r.rate / single : null,
            target: '≥0.8× 1 endpoint',
            status: 'FAIL',
            note: `only ${r.received}/${r.expected} delivered${r.stall ? `; ${r.stall}` : ''}`,
          },
        ];
      }
      return [ratioRow('fanout', 'deliveries/s (3 endpoints)', r.rate, '/s', single, 0.8, '1 endpoint')];
    } finally {
      await receiver.close();
      await store.dispose();
    }
  },
};

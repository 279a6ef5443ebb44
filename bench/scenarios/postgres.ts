// (g) PostgreSQL: fill a backlog on a fresh database (created and dropped here), then TWO
//     `--role worker` processes drain it; target ≥ 0.7× the SQLite single-process figure of (a)
//     (bench/README.md#current-results), checked by the row below.
import { drainBacklog } from '../lib/drain.js';
import { assertBuilt, postgresStore } from '../lib/linkwire.js';
import { Receiver } from '../lib/receiver-client.js';
import { type Context, type Row, type Scenario, infoRow, ratioRow } from '../lib/report.js';
import { WARM } from './throughput.js';

export const postgres: Scenario = {
  name: 'postgres',
  kind: 'linkwire',
  needs: ['throughput'],
  description: '(g) PostgreSQL, two worker processes drain a backlog, vs SQLite (a)',
  async run(ctx: Context): Promise<Row[]> {
    const n = ctx.params.backlogN;
    assertBuilt();
    const store = await postgresStore();
    try {
      const receiver = await Receiver.start();
      try {
        const r = await drainBacklog({
          store,
          receiver,
          urls: [receiver.url()],
          events: n + WARM,
          warmDeliveries: WARM,
          role: 'worker',
          workers: 2,
          timeoutMs: Math.max(120_000, n * 10),
        });
        ctx.detail.postgres = { n, warm: WARM, ...r };
        if (!r.complete)
          return [
            {
              scenario: 'postgres',
              metric: 'deliveries/s',
              value: r.rate,
              unit: '/s',
              status: 'FAIL',
              note: `only ${r.received}/${r.expected} delivered${r.stall ? `; ${r.stall}` : ''}`,
            },
          ];
        return [
          ratioRow('postgres', 'deliveries/s, 2 workers', r.rate, '/s', ctx.figures.get('throughput.deliveriesPerSec'), 0.7, 'sqlite (a)'),
          infoRow('postgres', 'workers CPU (sum)', r.serverCpuPercent, '%core'),
        ];
      } finally {
        await receiver.close();
      }
    } finally {
      await store.dispose();
    }
  },
};

// (a) Durable delivery throughput, SQLite, one process, draining a backlog. Target: ≥ 0.8× the raw
//     ceiling and ≥ 2.5× BullMQ (bench/README.md#current-results), checked by the rows below.
import { drainBacklog } from '../lib/drain.js';
import { sqliteStore } from '../lib/linkwire.js';
import { Receiver } from '../lib/receiver-client.js';
import { type Context, type Row, type Scenario, infoRow, ratioRow } from '../lib/report.js';

export const WARM = 5000;

export const throughput: Scenario = {
  name: 'throughput',
  kind: 'linkwire',
  needs: ['ceiling', 'bullmq'],
  description: '(a) durable SQLite drain, one process (--role all), vs ceiling and BullMQ',
  async run(ctx: Context): Promise<Row[]> {
    const n = ctx.params.backlogN;
    const store = sqliteStore();
    const receiver = await Receiver.start();
    try {
      const r = await drainBacklog({
        store,
        receiver,
        urls: [receiver.url()],
        events: n + WARM,
        warmDeliveries: WARM,
        role: 'all',
        timeoutMs: Math.max(120_000, n * 10),
      });
      ctx.detail.throughput = { n, warm: WARM, ...r };
      if (!r.complete) {
        return [
          {
            scenario: 'throughput',
            metric: 'deliveries/s',
            value: r.rate,
            unit: '/s',
            status: 'FAIL',
            note: `only ${r.received}/${r.expected} delivered before the timeout${r.stall ? `; ${r.stall}` : ''}`,
          },
        ];
      }
      ctx.figures.set('throughput.deliveriesPerSec', r.rate);
      return [
        ratioRow('throughput', 'deliveries/s vs ceiling', r.rate, '/s', ctx.figures.get('ceiling.deliveriesPerSec'), 0.8, 'ceiling'),
        ratioRow('throughput', 'deliveries/s vs BullMQ', r.rate, '/s', ctx.figures.get('bullmq.deliveriesPerSec'), 2.5, 'bullmq'),
        infoRow('throughput', 'server CPU', r.serverCpuPercent, '%core'),
        infoRow('throughput', 'receiver CPU', r.receiverCpuPercent, '%core'),
        infoRow('throughput', 'backlog fill (trigger)', r.deliveriesQueued / r.fillSeconds, '/s'),
      ];
    } finally {
      await receiver.close();
      await store.dispose();
    }
  },
};

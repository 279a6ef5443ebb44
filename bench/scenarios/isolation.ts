// (e) Isolation: 10 endpoints on 10 receiver ports (timeoutMs 1000 each). Run A: all healthy.
//     Run B: port 0 accepts and never answers. The other nine's throughput in B must be
//     ≥ 0.9× their throughput in A: a dead endpoint must not occupy the workers.
import { drainBacklog } from '../lib/drain.js';
import { sqliteStore } from '../lib/linkwire.js';
import { Receiver } from '../lib/receiver-client.js';
import { type Context, type Row, type Scenario, infoRow, ratioRow } from '../lib/report.js';

const PORTS = 10;
const NINE = Array.from({ length: PORTS - 1 }, (_, i) => i + 1);

async function run(events: number, hang: boolean) {
  const store = sqliteStore();
  const receiver = await Receiver.start({ ports: PORTS, hang: hang ? [0] : [] });
  try {
    const urls = Array.from({ length: PORTS }, (_, i) => receiver.url(i));
    const r = await drainBacklog({
      store,
      receiver,
      urls,
      endpoint: { timeoutMs: 1000 },
      events,
      ports: NINE,
      expected: events * NINE.length,
      warmDeliveries: 5000,
      role: 'all',
      timeoutMs: Math.max(120_000, events * 100),
    });
    const s = await receiver.stats();
    return { ...r, perPort: s.perPort, held: s.held };
  } finally {
    await receiver.close();
    await store.dispose();
  }
}

export const isolation: Scenario = {
  name: 'isolation',
  kind: 'linkwire',
  description: '(e) 10 endpoints, one never answers: the other nine keep their throughput',
  async run(ctx: Context): Promise<Row[]> {
    const events = ctx.params.isolationEvents;
    const healthy = await run(events, false);
    const hung = await run(events, true);
    ctx.detail.isolation = { events, healthy, hung };
    if (!healthy.complete || !hung.complete) {
      const bad = !healthy.complete ? healthy : hung;
      return [
        {
          scenario: 'isolation',
          metric: 'nine healthy deliveries/s',
          value: null,
          unit: '/s',
          status: 'FAIL',
          note: `${!healthy.complete ? 'all-healthy' : 'one-hung'} run delivered ${bad.received}/${bad.expected} to the nine${bad.stall ? `; ${bad.stall}` : ''}`,
        },
      ];
    }
    return [
      ratioRow('isolation', 'nine healthy, one hung: deliveries/s', hung.rate, '/s', healthy.rate, 0.9, 'all healthy'),
      infoRow('isolation', 'requests that reached the dead endpoint', hung.perPort[0] ?? 0, '', 'accepted, never answered'),
    ];
  },
};

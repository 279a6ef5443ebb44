// (f) A backlog of 1 000 000 pending deliveries (--backlog only): the drain rate sampled every few
//     seconds must stay steady, and the server's peak RSS (VmHWM) must stay under 300 MB.
//     "Steady" is the harness's reading: the slowest 5 s window ≥ 0.5× the median window.
import { drainBacklog } from '../lib/drain.js';
import { sqliteStore } from '../lib/linkwire.js';
import { memoryMb } from '../lib/proc.js';
import { Receiver } from '../lib/receiver-client.js';
import { type Context, type Row, type Scenario, boundRow, infoRow } from '../lib/report.js';
import { percentile } from '../lib/stats.js';

const TICK_MS = 5000;
const MAX_DRAIN_MS = 30 * 60_000;

export const backlog: Scenario = {
  name: 'backlog',
  kind: 'linkwire',
  optIn: true,
  description: '(f) drain 1 000 000 pending deliveries: steady rate, RSS < 300 MB',
  async run(ctx: Context): Promise<Row[]> {
    const n = ctx.params.hugeBacklog;
    const store = sqliteStore();
    const receiver = await Receiver.start();
    const windows: { atS: number; received: number; rate: number; rssMb: number; hwmMb: number }[] = [];
    let lastReceived = 0;
    try {
      ctx.log(`filling ${n.toLocaleString('en-US')} deliveries (linkwire trigger)…`);
      const r = await drainBacklog({
        store,
        receiver,
        urls: [receiver.url()],
        events: n,
        role: 'all',
        timeoutMs: MAX_DRAIN_MS,
        tickMs: TICK_MS,
        onTick: ({ elapsedS, received, nodes }) => {
          const mem = nodes[0] ? memoryMb(nodes[0].pid) : null;
          windows.push({
            atS: elapsedS,
            received,
            rate: (received - lastReceived) / (TICK_MS / 1000),
            rssMb: mem?.rss ?? Number.NaN,
            hwmMb: mem?.hwm ?? Number.NaN,
          });
          lastReceived = received;
          ctx.log(
            `${elapsedS.toFixed(0)} s: ${received.toLocaleString('en-US')} delivered, ${windows.at(-1)?.rate.toFixed(0)}/s, RSS ${mem?.rss.toFixed(0)} MB`,
          );
        },
      });
      ctx.detail.backlog = { n, ...r, windows };
      // full windows only: drop the first (start-up) and the last (partial) one. A window with no
      // arrival in the middle of the drain is a stall and counts (it is not filtered out).
      const steady = windows
        .slice(1, -1)
        .map((w) => w.rate)
        .sort((a, b) => a - b);
      const median = percentile(steady, 50);
      const slowest = steady[0] ?? Number.NaN;
      const rows: Row[] = [
        infoRow(
          'backlog',
          'drain rate',
          r.rate,
          '/s',
          `${r.received.toLocaleString('en-US')}/${r.expected.toLocaleString('en-US')} in ${r.drainSeconds.toFixed(0)} s`,
        ),
        {
          scenario: 'backlog',
          metric: 'slowest 5 s window / median',
          value: slowest / median,
          unit: '',
          target: '≥0.5 (steady)',
          // fewer than two full windows: the drain was too short to judge steadiness
          ...(steady.length < 2
            ? { status: 'info' as const, note: 'drain shorter than two full 5 s windows' }
            : { status: slowest / median >= 0.5 ? ('PASS' as const) : ('FAIL' as const), note: `median ${Math.round(median)}/s` }),
        },
        boundRow('backlog', 'server peak RSS (VmHWM)', r.peakRssMb, 'MB', '<', 300),
        infoRow('backlog', 'backlog fill (trigger)', r.deliveriesQueued / r.fillSeconds, '/s'),
      ];
      if (!r.complete)
        rows.push({
          scenario: 'backlog',
          metric: 'delivered',
          value: r.received,
          unit: '',
          status: 'FAIL',
          note: r.stall ?? `not drained within ${MAX_DRAIN_MS / 60_000} min`,
        });
      return rows;
    } finally {
      await receiver.close();
      await store.dispose();
    }
  },
};

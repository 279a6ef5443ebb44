// (b) Event-to-receiver latency at a paced 1 000 clicks/s through GET /l/<slug>:
//     receiver arrival time minus the envelope's `timestamp` (set when the click is recorded).
//     Targets p50 ≤ 5 ms, p99 ≤ 25 ms from the first event after the endpoint is created (no
//     warm-up), and the first second on its own p99 ≤ 50 ms.
import { type LinkwireNode, createAccount, createEndpoint, createLink, diagnoseStall, sqliteStore, startNode } from '../lib/linkwire.js';
import { paced } from '../lib/load.js';
import { Receiver } from '../lib/receiver-client.js';
import { type Context, type Row, type Scenario, boundRow, infoRow } from '../lib/report.js';
import { summarize } from '../lib/stats.js';

export const latency: Scenario = {
  name: 'latency',
  kind: 'linkwire',
  description: '(b) click → webhook arrival latency at a paced 1 000 clicks/s',
  async run(ctx: Context): Promise<Row[]> {
    const { latencyRate: rate, latencySeconds: seconds } = ctx.params;
    const store = sqliteStore();
    const receiver = await Receiver.start({ latency: true });
    let node: LinkwireNode | undefined;
    try {
      node = await startNode(store, 'all');
      const apiKey = await createAccount(store);
      const { slug } = await createLink(node, apiKey);
      await createEndpoint(node, apiKey, receiver.url());
      // No warm-up: PRODUCT.md §8 counts from the first event after the endpoint is created, as a
      // new user sees it; the first second is also summarised on its own (p99 ≤ 50 ms).
      const load = await paced(node.origin, `/l/${slug}`, rate, seconds);
      const w = await receiver.waitFor(load.acked, 30_000);
      const stall = await diagnoseStall(node);
      const lat = await receiver.latency();
      const firstSecond = await receiver.latency(1_000);
      const client = summarize(load.clientLatencies);
      ctx.detail.latency = {
        rate,
        seconds,
        load: { ...load, clientLatencies: undefined },
        delivery: lat,
        firstSecond,
        redirect: client,
        receiverCpuPercent: receiver.cpuPercent(),
      };
      const rows: Row[] = [
        boundRow('latency', 'click→receiver p50', lat.p50, 'ms', '≤', 5),
        infoRow('latency', 'click→receiver p95', lat.p95, 'ms'),
        boundRow('latency', 'click→receiver p99', lat.p99, 'ms', '≤', 25),
        boundRow('latency', 'first second p99', firstSecond.p99, 'ms', '≤', 50),
        infoRow('latency', 'redirect p99 (client)', client.p99, 'ms'),
        infoRow(
          'latency',
          'clicks acked',
          load.acked,
          '',
          `${load.sent} sent in ${load.sendSeconds.toFixed(1)} s, ${load.behind} not sent (>256 in flight), ${load.failed} failed`,
        ),
      ];
      if (stall) rows.push({ scenario: 'latency', metric: 'server alive after the run', value: null, unit: '', status: 'FAIL', note: stall });
      if (!w.reached)
        rows.push({
          scenario: 'latency',
          metric: 'acked clicks delivered',
          value: w.count,
          unit: '',
          status: 'FAIL',
          note: `${w.count}/${load.acked} within 30 s`,
        });
      if (load.behind > 0 || load.failed > 0)
        rows.push({ scenario: 'latency', metric: 'offered rate kept', value: load.acked / (rate * seconds), unit: '', target: '=1', status: 'FAIL' });
      return rows;
    } finally {
      await node?.stop();
      await receiver.close();
      await store.dispose();
    }
  },
};

// (c) Short-link redirects, GET /l/<slug> with the click durably recorded: ingestion alone (no
//     endpoint), target ≥ 0.5× a bare node:http 302 server under the same autocannon settings; then
//     with an endpoint subscribed, target ≥ 0.2× the bare server, and every acknowledged (302) click
//     must be delivered (bench/README.md#current-results). The rows below still check the first
//     line, 0.35× without an endpoint, and only report the rate with one.
import { type LinkwireNode, createAccount, createEndpoint, createLink, diagnoseStall, profiling, sqliteStore, startNode } from '../lib/linkwire.js';
import { hammer } from '../lib/load.js';
import { CpuMeter } from '../lib/proc.js';
import { Receiver } from '../lib/receiver-client.js';
import { type Context, type Row, type Scenario, infoRow, ratioRow } from '../lib/report.js';
import { sleep } from '../lib/stats.js';

/** Mean of the node's linkwire_click_batch_size histogram (null when /metrics does not have it). */
async function clickBatchMean(node: LinkwireNode): Promise<number | null> {
  try {
    const text = await (await fetch(`${node.origin}/metrics`)).text();
    const sum = Number(/^linkwire_click_batch_size_sum (\S+)$/m.exec(text)?.[1]);
    const count = Number(/^linkwire_click_batch_size_count (\S+)$/m.exec(text)?.[1]);
    return count > 0 ? sum / count : null;
  } catch {
    return null;
  }
}

export const redirects: Scenario = {
  name: 'redirects',
  kind: 'linkwire',
  needs: ['bare302'],
  description: '(c) /l/<slug> redirects with durable clicks vs bare 302; every acked click delivered',
  async run(ctx: Context): Promise<Row[]> {
    const { redirectSeconds: seconds, redirectConnections: conns } = ctx.params;
    const store = sqliteStore();
    const receiver = await Receiver.start({ track: true });
    let node: LinkwireNode | undefined;
    try {
      node = await startNode(store, 'all');
      const apiKey = await createAccount(store);
      const { slug } = await createLink(node, apiKey);
      const url = `${node.origin}/l/${slug}`;

      // 1. ingestion alone
      const cpu = new CpuMeter(node.pid);
      const alone = await hammer(url, conns, seconds);
      const aloneCpu = cpu.percent();
      const rows: Row[] = [
        ratioRow('redirects', 'redirects/s, no endpoint', alone.rps, '/s', ctx.figures.get('bare302.rps'), 0.5, 'bare302'),
        infoRow('redirects', 'latency p50 / p99', alone.p50, 'ms', `p99 ${alone.p99} ms`),
        infoRow('redirects', 'server CPU', aloneCpu, '%core'),
      ];
      const batch = await clickBatchMean(node);
      if (batch !== null) rows.push(infoRow('redirects', 'clicks per commit (mean)', batch, '', 'group commit, linkwire_click_batch_size'));
      if (alone.otherStatus || alone.errors)
        rows.push({ scenario: 'redirects', metric: 'non-302 / errors', value: alone.otherStatus + alone.errors, unit: '', status: 'FAIL' });

      const stallAlone = await diagnoseStall(node);
      if (stallAlone) {
        rows.push({ scenario: 'redirects', metric: 'server alive after the run', value: null, unit: '', status: 'FAIL', note: stallAlone });
        return rows;
      }

      // --profile: the profile is written when the node exits, so end the ingestion-only node here
      // (its profile is the "redirects alone" one) and run phase 2 on a fresh node, same store.
      if (profiling()) {
        await node.stop();
        node = await startNode(store, 'all');
      }

      // 2. with an endpoint subscribed: every 302 must become a delivered link.click
      await createEndpoint(node, apiKey, receiver.url());
      await receiver.reset();
      const withHook = await hammer(`${node.origin}/l/${slug}`, conns, seconds, false);
      const acked = withHook.status3xx;
      let s = await receiver.stats();
      const deadline = Date.now() + 60_000;
      while (s.uniqueClicks < acked && Date.now() < deadline) {
        await sleep(250);
        s = await receiver.stats();
      }
      ctx.detail.redirects = { alone, withHook, acked, delivered: s.uniqueClicks, duplicates: s.clickDeliveries - s.uniqueClicks };
      rows.push(ratioRow('redirects', 'redirects/s, 1 endpoint', withHook.rps, '/s', ctx.figures.get('bare302.rps'), 0.2, 'bare302'));
      rows.push({
        scenario: 'redirects',
        metric: 'acked clicks delivered',
        value: s.uniqueClicks,
        unit: '',
        baseline: acked,
        ratio: acked ? s.uniqueClicks / acked : null,
        target: 'all (unique webhook-id)',
        status: s.uniqueClicks >= acked && acked > 0 ? 'PASS' : 'FAIL',
        note: `${s.clickDeliveries - s.uniqueClicks} duplicates`,
      });
      const stall = await diagnoseStall(node);
      if (stall) rows.push({ scenario: 'redirects', metric: 'server alive after the run', value: null, unit: '', status: 'FAIL', note: stall });
      return rows;
    } finally {
      await node?.stop();
      await receiver.close();
      await store.dispose();
    }
  },
};

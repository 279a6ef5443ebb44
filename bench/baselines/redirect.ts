// Baseline: a bare node:http server answering `302 Location: …` (separate process), loaded by
// autocannon with the same settings as Linkwire's `/l/<slug>` run. This is the floor of what any
// Node redirect costs; Linkwire adds a durable click record (and an event) per request.
import { fileURLToPath } from 'node:url';
import { hammer } from '../lib/load.js';
import { forkTs, stopProcess } from '../lib/proc.js';
import { type Context, type Row, type Scenario, infoRow } from '../lib/report.js';

const SERVER = fileURLToPath(new URL('./redirect-server.ts', import.meta.url));

export const bare302: Scenario = {
  name: 'bare302',
  kind: 'baseline',
  description: 'bare node:http 302 server under autocannon',
  async run(ctx: Context): Promise<Row[]> {
    const { redirectSeconds, redirectConnections } = ctx.params;
    const child = forkTs(SERVER);
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('redirect server did not start')), 15_000);
        child.once('message', (m: { port?: number }) => {
          clearTimeout(timer);
          resolve(m.port ?? 0);
        });
      });
      const r = await hammer(`http://127.0.0.1:${port}/l/spring25`, redirectConnections, redirectSeconds);
      ctx.figures.set('bare302.rps', r.rps);
      ctx.detail.bare302 = { connections: redirectConnections, ...r };
      const rows: Row[] = [
        infoRow('bare302', 'requests/s', r.rps, '/s', `${redirectConnections} conns, ${redirectSeconds}s`),
        infoRow('bare302', 'latency p50', r.p50, 'ms'),
        infoRow('bare302', 'latency p99', r.p99, 'ms'),
      ];
      if (r.otherStatus || r.errors) rows.push({ scenario: 'bare302', metric: 'non-302/errors', value: r.otherStatus + r.errors, unit: '', status: 'FAIL' });
      return rows;
    } finally {
      await stopProcess(child, 2000);
    }
  },
};

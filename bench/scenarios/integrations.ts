// (h) Integrations (PRODUCT.md §8, last line): clicks paced through GET /l/<slug> to one account
//     with a Slack-format endpoint and a GA4 sink, both on loopback. A chat endpoint never gets
//     more than its rate whatever the event rate (delivery/chat-rate.ts: a burst of 2, then
//     1 message/s), and a GA4 sink sends ≤ ⌈n/25⌉ requests for n events of one visitor (GA4 takes
//     ≤ 25 events a request, and a request is one client_id). The receivers here only count and
//     answer as the services do (`ok`; 204, and the debug endpoint's empty validationMessages):
//     what each service validates is the tests' fakes' job (packages/server/test/fakes).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type LinkwireNode, createAccount, createLink, diagnoseStall, sqliteStore, startNode } from '../lib/linkwire.js';
import { paced } from '../lib/load.js';
import { type Context, NotAvailable, type Row, type Scenario, boundRow, infoRow } from '../lib/report.js';

const RATE = 200;
const BURST = 2;

interface Fake {
  server: Server;
  url: string;
  /** Arrival time (ms) and body of every request but GA4's validation calls. */
  hits: Array<{ at: number; body: string; url: string }>;
}

async function startFake(answer: (req: IncomingMessage, body: string) => { status: number; body: string; type?: string }): Promise<Fake> {
  const hits: Fake['hits'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const a = answer(req, body);
      if (!req.url?.startsWith('/debug/')) hits.push({ at: Date.now(), body, url: req.url ?? '' });
      res.writeHead(a.status, { 'content-type': a.type ?? 'text/plain' }).end(a.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

/** The most arrivals in any window of `ms` (sliding, anchored at each arrival). */
export function busiestWindow(times: number[], ms: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i]! - t[j]! >= ms) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

async function api<T>(node: LinkwireNode, apiKey: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${node.origin}${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (!res.ok) throw new NotAvailable(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

export const integrations: Scenario = {
  name: 'integrations',
  kind: 'linkwire',
  description: `(h) ${RATE} clicks/s to a Slack endpoint and a GA4 sink: messages within the chat rate, ≤ ⌈n/25⌉ GA4 requests`,
  async run(ctx: Context): Promise<Row[]> {
    const seconds = ctx.params.quick ? 3 : 8;
    const store = sqliteStore();
    const slack = await startFake(() => ({ status: 200, body: 'ok' }));
    const ga4 = await startFake((req) =>
      req.url?.startsWith('/debug/') ? { status: 200, body: '{"validationMessages":[]}', type: 'application/json' } : { status: 204, body: '' },
    );
    let node: LinkwireNode | undefined;
    try {
      node = await startNode(store, 'all', { LINKWIRE_GA4_ENDPOINT: ga4.url });
      const apiKey = await createAccount(store);
      const { slug } = await createLink(node, apiKey);
      const chat = await api<{ id: string }>(node, apiKey, 'POST', '/api/v1/webhooks', {
        url: `${slack.url}/services/T0/B0/bench`,
        events: ['link.click'],
        format: 'slack',
      });
      await api(node, apiKey, 'POST', '/api/v1/integrations', {
        provider: 'ga4',
        events: ['link.click'],
        measurementId: 'G-BENCH1234',
        apiSecret: 'bench-secret-123456',
      });
      // Connecting GA4 sends one `linkwire_integration_test` event to /mp/collect (the validation
      // server does not check the API secret; docs/analytics.md): not a click, so not counted.
      ga4.hits.length = 0;
      const load = await paced(node.origin, `/l/${slug}`, RATE, seconds);
      const n = load.acked;
      // Done when GA4 has every event and the chat endpoint has nothing pending (digests account
      // for every click in the endpoint's history).
      const ga4Events = () => ga4.hits.reduce((sum, h) => sum + ((JSON.parse(h.body) as { events?: unknown[] }).events?.length ?? 0), 0);
      const deadline = Date.now() + 90_000;
      let chatPending = 1;
      while (Date.now() < deadline) {
        const page = await api<{ data: unknown[] }>(node, apiKey, 'GET', `/api/v1/webhooks/${chat.id}/deliveries?status=pending&limit=1`);
        chatPending = page.data.length;
        if (chatPending === 0 && ga4Events() >= n) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const stall = await diagnoseStall(node);
      const messages = slack.hits.map((h) => h.at);
      const spanS = messages.length > 1 ? (Math.max(...messages) - Math.min(...messages)) / 1000 : 0;
      ctx.detail.integrations = {
        rate: RATE,
        seconds,
        clicks: n,
        chatMessages: messages.length,
        chatSpanS: spanS,
        ga4Requests: ga4.hits.length,
        ga4Events: ga4Events(),
        ga4EventsPerRequest: ga4.hits.map((h) => (JSON.parse(h.body) as { events?: unknown[] }).events?.length ?? 0),
        chatGapsMs: messages.slice(1).map((t, i) => t - messages[i]!),
      };
      const rows: Row[] = [
        // GCRA's bound: in any window of L seconds, at most BURST + L × rate messages (a burst of
        // 2 then one a second gives 3 in a closed 1 s window, 12 in 10 s).
        boundRow('integrations', 'chat: messages in the busiest 10 s', busiestWindow(messages, 10_000), 'msgs', '≤', BURST + 10),
        infoRow('integrations', 'chat: messages in the busiest 1 s', busiestWindow(messages, 1_000), 'msgs', `burst ${BURST}, then 1 a second`),
        infoRow('integrations', 'chat: messages', messages.length, '', `${n} clicks in ${load.sendSeconds.toFixed(1)} s; messages over ${spanS.toFixed(1)} s`),
        boundRow('integrations', `GA4 requests for ${n} events`, ga4.hits.length, 'req', '≤', Math.ceil(n / 25)),
      ];
      if (chatPending !== 0 || ga4Events() < n)
        rows.push({
          scenario: 'integrations',
          metric: 'every click accounted for',
          value: null,
          unit: '',
          status: 'FAIL',
          note: `after 90 s: chat deliveries still pending ${chatPending ? 'yes' : 'no'}, GA4 events ${ga4Events()} of ${n}`,
        });
      if (stall) rows.push({ scenario: 'integrations', metric: 'server alive after the run', value: null, unit: '', status: 'FAIL', note: stall });
      return rows;
    } finally {
      await node?.stop();
      await new Promise((r) => slack.server.close(r));
      await new Promise((r) => ga4.server.close(r));
      await store.dispose();
    }
  },
};

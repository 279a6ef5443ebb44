// Server settings side by side on the redirect path: one SQLite node per variant, all running at
// once, loaded in turn by short autocannon bursts on GET /l/<slug> (32 connections, as the
// `redirects` scenario), the order reversed every other round. A machine whose speed drifts within
// minutes (the shared bench VM does, by ±30 %) then drifts for every variant alike, and each round
// is a fair comparison; the medians and the per-round figures are printed.
//
//   node --import tsx bench/micro/redirect-variants.ts
//   VARIANTS="off:LINKWIRE_REDIRECT_FAST_PATH=0 on:LINKWIRE_REDIRECT_FAST_PATH=1" ROUNDS=8 SECS=2 node --import tsx bench/micro/redirect-variants.ts
//
// A variant is `name:KEY=VALUE,KEY=VALUE` (environment of that node); `BOT=1` sends a crawler's
// user agent, so the redirects are answered without a click (the HTTP path alone); `ENDPOINT=1`
// subscribes an endpoint (one loopback receiver for all variants), so every click is also
// delivered by the same process. Needs the built server (npm run build), like the bench.
import autocannon from 'autocannon';
import { createAccount, createEndpoint, createLink, type LinkwireNode, setServerEnv, sqliteStore, startNode } from '../lib/linkwire.js';
import { cpuSeconds } from '../lib/proc.js';
import { Receiver } from '../lib/receiver-client.js';

const variants = (process.env.VARIANTS ?? 'off:LINKWIRE_REDIRECT_FAST_PATH=0 on:LINKWIRE_REDIRECT_FAST_PATH=1').split(' ').filter(Boolean);
const rounds = Number(process.env.ROUNDS ?? 8);
const seconds = Number(process.env.SECS ?? 2);
const headers: Record<string, string> = process.env.BOT ? { 'user-agent': 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)' } : {};

interface Variant {
  name: string;
  node: LinkwireNode;
  url: string;
  rps: number[];
  cpuUs: number[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const started: Variant[] = [];
const receiver = process.env.ENDPOINT ? await Receiver.start({}) : null;
try {
  for (const spec of variants) {
    const [name, env = ''] = spec.split(/:(.*)/s);
    setServerEnv(
      Object.fromEntries(
        env
          .split(',')
          .filter(Boolean)
          .map((kv) => kv.split(/=(.*)/s).slice(0, 2) as [string, string]),
      ),
    );
    const store = sqliteStore();
    const node = await startNode(store, 'all');
    const apiKey = await createAccount(store);
    const { slug } = await createLink(node, apiKey);
    if (receiver) await createEndpoint(node, apiKey, receiver.url());
    started.push({ name: name!, node, url: `${node.origin}/l/${slug}`, rps: [], cpuUs: [] });
  }
  for (const v of started) await autocannon({ url: v.url, connections: 32, duration: 1, pipelining: 1, headers });
  for (let round = 0; round < rounds; round++) {
    for (const v of round % 2 ? [...started].reverse() : started) {
      const cpu0 = cpuSeconds(v.node.pid);
      const r = await autocannon({ url: v.url, connections: 32, duration: seconds, pipelining: 1, headers });
      const other = r.requests.total - (r.statusCodeStats?.['302']?.count ?? 0);
      if (other || r.errors) throw new Error(`${v.name}: ${other} answers other than 302, ${r.errors} errors`);
      v.rps.push(r.requests.total / seconds);
      v.cpuUs.push(((cpuSeconds(v.node.pid) - cpu0) * 1e6) / r.requests.total);
    }
    process.stdout.write(`round ${round + 1}/${rounds}: ${started.map((v) => `${v.name} ${Math.round(v.rps.at(-1)!)} /s`).join(', ')}\n`);
  }
  for (const v of started) {
    console.log(
      `${v.name.padEnd(10)} ${Math.round(median(v.rps)).toLocaleString('en')} redirects/s (median of ${rounds}), server CPU ${median(v.cpuUs).toFixed(1)} µs per redirect`,
    );
  }
} finally {
  for (const v of started) await v.node.stop();
  await receiver?.close();
}

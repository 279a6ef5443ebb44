// Micro-benchmark of the delivery sender: `Sender.send()` against the bench's "ceiling" style (a bare
// undici Pool.request() with the same Standard Webhooks headers), side by side, in one process.
//
//   node --import tsx bench/micro/sender.ts [--n 20000] [--concurrency 64] [--rounds 2] [--sender path/to/sender.ts] [--only sender|ceiling]
//
// A node:http receiver runs in a CHILD process on 127.0.0.1 and answers 200 "ok". Each style gets a
// 5 000-send warm-up, then N timed sends with `concurrency` in flight; rounds alternate the styles so
// drift on a shared machine hits both. Printed per run: deliveries/s (wall) and the sender process's
// CPU µs per delivery (process.cpuUsage(): user + system, GC included). On a shared 2-core box compare
// the CPU figure: the wall rate also moves with whatever else is running.
//
// Both styles do the same work per delivery: envelopes are built before the clock starts; each send
// signs (HMAC-SHA256 with the SDK's createSigner) and POSTs ~630 bytes over keep-alive connections.
// `--sender` loads another sender.ts (e.g. the previous version, copied out of git) to compare.
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { createSigner } from '@linkwire/webhooks';
import { clickEnvelope, type Envelope, newSecret } from '../lib/sign.js';

if (process.argv[2] === 'receiver') {
  // The child: a bare receiver; reports its port, then its CPU when asked.
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  process.on('message', (msg: { cpu?: boolean }) => {
    if (msg.cpu) {
      const used = process.cpuUsage();
      process.send!({ cpuUs: used.user + used.system });
    }
  });
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}

async function main() {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '20000' },
      concurrency: { type: 'string', default: '64' },
      rounds: { type: 'string', default: '2' },
      sender: { type: 'string' },
      only: { type: 'string' },
    },
  });
  const n = Number(values.n);
  const concurrency = Number(values.concurrency);
  const rounds = Number(values.rounds);
  const senderPath = values.sender
    ? isAbsolute(values.sender)
      ? values.sender
      : resolve(values.sender)
    : fileURLToPath(new URL('../../packages/server/src/delivery/sender.ts', import.meta.url));
  const ssrfPath = fileURLToPath(new URL('../../packages/server/src/lib/ssrf.ts', import.meta.url));
  const { Sender } = (await import(pathToFileURL(senderPath).href)) as typeof import('../../packages/server/src/delivery/sender.js');
  const { targetPolicy } = (await import(pathToFileURL(ssrfPath).href)) as typeof import('../../packages/server/src/lib/ssrf.js');

  const child = fork(fileURLToPath(import.meta.url), ['receiver'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = <T>(msg: unknown, key: string) =>
    new Promise<T>((done, fail) => {
      const timer = setTimeout(() => fail(new Error('receiver did not answer')), 10_000);
      const onMessage = (m: Record<string, unknown>) => {
        if (key in m) {
          clearTimeout(timer);
          child.off('message', onMessage);
          done(m[key] as T);
        }
      };
      child.on('message', onMessage);
      if (msg) child.send(msg as object);
    });
  const port = await ask<number>(null, 'port');
  const url = `http://127.0.0.1:${port}/hook`;

  const secret = newSecret();
  const sign = createSigner(secret);
  const envelopes: Envelope[] = Array.from({ length: n }, () => clickEnvelope());
  const warm: Envelope[] = envelopes.slice(0, 5000);

  // The same loop for both styles: `concurrency` lanes pull from one counter.
  async function drive(list: Envelope[], one: (env: Envelope) => Promise<boolean>) {
    let next = 0;
    let failures = 0;
    const lane = async () => {
      while (next < list.length) {
        const env = list[next++]!;
        if (!(await one(env))) failures++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    return failures;
  }

  const sender = new Sender({ policy: targetPolicy({ dev: true, allowPrivateTargets: ['127.0.0.0/8'] }), connectionsPerOrigin: concurrency });
  const viaSender = async (env: Envelope) => {
    const r = await sender.send({ endpointId: 'ep_bench', url, eventId: env.id, body: env.body, signers: [sign], customHeaders: {}, timeoutMs: 15_000 });
    return r.ok;
  };

  const pool = new Pool(new URL(url).origin, { connections: concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
  const ua = 'Linkwire-Bench/0.1';
  const viaCeiling = async (env: Envelope) => {
    const ts = Math.floor(Date.now() / 1000);
    const res = await pool.request({
      method: 'POST',
      path: '/hook',
      headers: {
        'content-type': 'application/json',
        'user-agent': ua,
        'webhook-id': env.id,
        'webhook-timestamp': String(ts),
        'webhook-signature': sign(env.id, ts, env.body),
      },
      body: env.body,
      headersTimeout: 15_000,
      bodyTimeout: 15_000,
    });
    await res.body.dump();
    return res.statusCode >= 200 && res.statusCode < 300;
  };

  const styles = Object.fromEntries(
    Object.entries({ ceiling: viaCeiling, sender: viaSender }).filter(([name]) => !values.only || values.only.split(',').includes(name)),
  );
  for (const one of Object.values(styles)) await drive(warm, one);
  console.log(`n=${n} concurrency=${concurrency} sender=${senderPath.replace(process.cwd() + '/', '')} node=${process.version}`);
  const totals: Record<string, { cpu: number; n: number }> = {};
  for (let round = 1; round <= rounds; round++) {
    for (const [name, one] of Object.entries(styles)) {
      if (typeof globalThis.gc === 'function') globalThis.gc();
      const rx0 = await ask<number>({ cpu: true }, 'cpuUs');
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const failures = await drive(envelopes, one);
      const wallMs = performance.now() - t0;
      const used = process.cpuUsage(cpu0);
      const rx1 = await ask<number>({ cpu: true }, 'cpuUs');
      const cpuUs = used.user + used.system;
      totals[name] ??= { cpu: 0, n: 0 };
      const t = totals[name];
      t.cpu += cpuUs;
      t.n += n;
      console.log(
        `round ${round}  ${name.padEnd(7)}  ${Math.round(n / (wallMs / 1000))
          .toLocaleString('en')
          .padStart(
            7,
          )} deliveries/s  ${(cpuUs / n).toFixed(1).padStart(6)} µs CPU/delivery  (sender ${((cpuUs / 1000 / wallMs) * 100).toFixed(0)} % core, receiver ${(((rx1 - rx0) / 1000 / wallMs) * 100).toFixed(0)} % core${failures ? `, ${failures} FAILED` : ''})`,
      );
    }
  }
  const mean = (name: string) => totals[name]!.cpu / totals[name]!.n;
  if (totals.ceiling && totals.sender)
    console.log(
      `mean CPU µs/delivery: ceiling ${mean('ceiling').toFixed(1)}, sender ${mean('sender').toFixed(1)} (sender/ceiling ${(mean('sender') / mean('ceiling')).toFixed(2)}×)`,
    );
  await sender.close();
  await pool.close();
  child.disconnect();
}

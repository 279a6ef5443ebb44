// Micro-benchmark of the hot SQL paths, on a real SQLite database opened by the project's own
// createContext (openDatabase + migrations), without HTTP:
//
//   drain:  claim (envelopes included) → EndpointLoader.load → writeOutcomes (one flush transaction),
//           in claim batches of 256 and of 8, over a backlog filled through emitMany/fanOut;
//   emit:   emitMany() of 1, 8, 37 (an odd size: several ladder chunks) and 64 link.click events per
//           transaction (events INSERT + fan-out to both endpoints).
//
// Reports CPU µs (process.cpuUsage, user + system) and wall µs per delivery / per event. The box
// has 2 shared cores, so CPU µs is the figure to compare; run it several times.
//
// `--database-url postgres://…/db` runs the same on PostgreSQL (a throw-away database: the bench
// deletes rows); it then also reports the CPU of every `postgres` process on the machine (server
// CPU µs: the backend, the WAL writer, autovacuum), read from /proc. `--in-flight N` keeps N claimed
// deliveries unwritten while claiming on, as a dispatcher with N sends in flight does, so claims
// meet leased rows the way they do in a real drain.
//
//   node --import tsx bench/micro/sql-hot-paths.ts [--rounds 3] [--deliveries 20000] [--in-flight 512] [--database-url …]
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../../packages/server/src/config.js';
import type { AppContext } from '../../packages/server/src/context.js';
import { inTransaction } from '../../packages/server/src/db/transaction.js';
import { claimFor } from '../../packages/server/src/delivery/claim.js';
import type { ClaimedDelivery } from '../../packages/server/src/delivery/claimed.js';
import { EndpointLoader } from '../../packages/server/src/delivery/endpoints.js';
import { type Outcome, writeOutcomes } from '../../packages/server/src/delivery/results.js';
import { nextStep } from '../../packages/server/src/delivery/retry.js';
import type { SendResult } from '../../packages/server/src/delivery/send-result.js';
import type { EventInput } from '../../packages/server/src/events/emit.js';
import { newId } from '../../packages/server/src/lib/ids.js';
import { seal } from '../../packages/server/src/lib/secretbox.js';
import { createLogger } from '../../packages/server/src/logger.js';
import { createContext } from '../../packages/server/src/context.js';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    deliveries: { type: 'string', default: '20000' },
    'in-flight': { type: 'string', default: '0' },
    'database-url': { type: 'string' },
  },
});
const ROUNDS = Number(args.rounds);
const DELIVERIES = Number(args.deliveries);
const IN_FLIGHT = Number(args['in-flight']);
const DATABASE_URL = args['database-url'];
const ENDPOINTS = 2; // every event fans out to both: a claimed batch of 256 holds ~128 distinct events
const SCHEDULE = [10_000, 30_000, 120_000];

const dataDir = mkdtempSync(join(tmpdir(), 'linkwire-micro-'));
const config = loadConfig({
  LINKWIRE_SECRET_KEY: randomBytes(32).toString('base64'),
  LINKWIRE_DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  ...(DATABASE_URL ? { DATABASE_URL } : {}),
});
const ctx = await createContext(config, { log: createLogger('silent') });

const accountId = newId('acc');
const now0 = Date.now();
await ctx.db
  .insertInto('accounts')
  .values({
    id: accountId,
    email: `micro-${accountId}@example.com`,
    handle: `micro${randomBytes(3).toString('hex')}`,
    passwordHash: 'x',
    plan: 'business',
    createdAt: now0,
    updatedAt: now0,
  })
  .execute();
for (let i = 0; i < ENDPOINTS; i++) {
  await ctx.db
    .insertInto('webhooks')
    .values({
      id: newId('wh'),
      accountId,
      url: `http://127.0.0.1:9/hook${i}`,
      description: null,
      events: JSON.stringify(['*']),
      filter: null,
      kind: 'http',
      format: 'standard',
      source: 'api',
      device: null,
      timeoutMs: 5_000,
      headers: JSON.stringify({ 'x-bench': String(i) }),
      enabled: 1,
      disabledReason: null,
      disabledAt: null,
      secretEnc: seal(ctx.masterKey, `whsec_${randomBytes(32).toString('base64')}`),
      previousSecretEnc: null,
      previousSecretExpiresAt: null,
      lastSuccessAt: null,
      failingSince: null,
      createdAt: now0,
      updatedAt: now0,
      deletedAt: null,
    })
    .execute();
}

let seq = 0;
function clickEvent(): EventInput {
  seq++;
  return {
    accountId,
    type: 'link.click',
    data: {
      profileCode: 'micro',
      linkId: `lnk_${seq % 50}`,
      type: 'link',
      title: 'A link',
      url: 'https://example.com/some/page',
      slug: `s${seq % 50}`,
      source: 'short_link',
      country: 'DE',
      city: null,
      device: 'desktop',
      browser: 'Firefox',
      os: 'Linux',
      referer: null,
      utm: { source: null, medium: null, campaign: null, term: null, content: null },
      visitorId: 'v1',
    },
  };
}

/** Queues `deliveries` pending deliveries (events of 64, like a busy click batch). */
async function fill(deliveries: number) {
  for (let done = 0; done < deliveries; done += 64 * ENDPOINTS) {
    const n = Math.min(64, Math.ceil((deliveries - done) / ENDPOINTS));
    await inTransaction(ctx.db, (tx) => ctx.outbox.emitMany(tx, Array.from({ length: n }, clickEvent)));
  }
}

/** CPU µs used so far by every `postgres` process (0 on SQLite). */
function postgresCpuUs(): number {
  if (!DATABASE_URL) return 0;
  const tick = 1e6 / 100; // USER_HZ
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const f = stat.slice(close + 2).split(' ');
      total += (Number(f[11]) + Number(f[12])) * tick; // utime, stime
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

function measure() {
  const cpu = process.cpuUsage();
  const server = postgresCpuUs();
  const wall = process.hrtime.bigint();
  return () => {
    const c = process.cpuUsage(cpu);
    return { cpuUs: c.user + c.system, serverUs: postgresCpuUs() - server, wallUs: Number(process.hrtime.bigint() - wall) / 1_000 };
  };
}

const workerId = `micro:${process.pid}`;
const claim = claimFor(ctx.database.caps);
const loader = new EndpointLoader(ctx.db, ctx.masterKey);
const memos = new Map();

/**
 * Drains every due delivery in claim batches of `batch`; returns the deliveries handled. With
 * IN_FLIGHT, that many claimed deliveries stay unwritten (oldest written first) while claiming on.
 */
async function drain(c: AppContext, batch: number): Promise<number> {
  let total = 0;
  const held: Array<{ claimed: ClaimedDelivery[]; now: number }> = [];
  let heldCount = 0;
  for (;;) {
    const now = Date.now();
    const claimed = await claim(c.db, workerId, now, now + 60_000, batch);
    if (claimed.length > 0) {
      held.push({ claimed, now });
      heldCount += claimed.length;
    }
    if (claimed.length > 0 && heldCount <= IN_FLIGHT) continue;
    const oldest = held.shift();
    if (!oldest) return total;
    heldCount -= oldest.claimed.length;
    total += await complete(c, oldest.claimed, oldest.now);
  }
}

/** The rest of a drain cycle for one claimed batch: endpoints, then the results transaction. */
async function complete(c: AppContext, claimed: ClaimedDelivery[], now: number): Promise<number> {
  {
    const endpoints = await loader.load(
      claimed.map((d) => d.webhookId),
      now,
    );
    if (claimed.some((d) => d.payload === null || !endpoints.has(d.webhookId))) throw new Error('bench: a payload or an endpoint is missing');
    const outcomes: Outcome[] = claimed.map((delivery, i) => {
      // One in 16 fails with a 500 (a retry 10 s later, so not re-claimed in this drain).
      const ok = i % 16 !== 5;
      const result: SendResult = {
        ok,
        startedAt: now,
        durationMs: 3,
        statusCode: ok ? 200 : 500,
        errorKind: ok ? null : 'http',
        error: ok ? null : 'HTTP 500',
        responseBody: ok ? 'ok' : 'boom',
        retryAfterMs: null,
        requestHeadersJson: JSON.stringify({ 'content-type': 'application/json', 'webhook-id': delivery.eventId }),
      };
      const attempt = delivery.attemptCount + 1;
      return { delivery, attempt, result, step: nextStep(SCHEDULE, attempt, result, now) };
    });
    await inTransaction(c.db, (tx) => writeOutcomes(c, tx, workerId, outcomes, Date.now(), memos, []));
    return claimed.length;
  }
}

async function emitBatches(size: number, events: number) {
  for (let done = 0; done < events; done += size) {
    const batch = Array.from({ length: size }, clickEvent);
    await inTransaction(ctx.db, (tx) => ctx.outbox.emitMany(tx, batch));
  }
}

const rows: Array<{ round: number; what: string; n: number; cpuUs: number; serverUs: number; wallUs: number }> = [];

// Warm-up (not reported): JIT, prepared statements, compiled texts.
await fill(2_000);
await drain(ctx, 256);
await fill(400);
await drain(ctx, 8);
await emitBatches(8, 512);
await ctx.db.deleteFrom('deliveries').execute();

for (let round = 1; round <= ROUNDS; round++) {
  for (const batch of [256, 8]) {
    await fill(DELIVERIES);
    // As autovacuum would after a bulk load (docs/scaling.md): without it the planner may scan.
    if (DATABASE_URL) await sql`ANALYZE deliveries`.execute(ctx.db);
    const stop = measure();
    const n = await drain(ctx, batch);
    const m = stop();
    rows.push({ round, what: `drain batch ${batch} (per delivery)`, n, ...m });
    await ctx.db.deleteFrom('deliveries').execute(); // the 1-in-16 retries, due later
  }
  for (const size of [1, 8, 37, 64]) {
    const events = size === 1 ? 2_000 : size * Math.round(8_192 / size);
    const stop = measure();
    await emitBatches(size, events);
    const m = stop();
    rows.push({ round, what: `emitMany ${size} (per event)`, n: events, ...m });
  }
  await ctx.db.deleteFrom('deliveries').execute();
}

const fmt = (v: number) => v.toFixed(1).padStart(8);
const engine = DATABASE_URL ? 'PostgreSQL' : 'SQLite';
console.log(`sql-hot-paths: ${engine}, ${ENDPOINTS} endpoints, ${DELIVERIES} deliveries per drain, ${IN_FLIGHT} in flight, Node ${process.version}`);
console.log(`${'measure'.padEnd(34)} ${'round'.padStart(5)} ${'n'.padStart(7)} ${'CPU µs'.padStart(8)} ${'server'.padStart(8)} ${'wall µs'.padStart(8)}`);
for (const r of rows)
  console.log(
    `${r.what.padEnd(34)} ${String(r.round).padStart(5)} ${String(r.n).padStart(7)} ${fmt(r.cpuUs / r.n)} ${fmt(r.serverUs / r.n)} ${fmt(r.wallUs / r.n)}`,
  );
const byWhat = new Map<string, Array<[number, number]>>();
for (const r of rows) byWhat.set(r.what, [...(byWhat.get(r.what) ?? []), [r.cpuUs / r.n, r.serverUs / r.n]]);
const median = (v: number[]) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
console.log(`\nmedian CPU µs per item (this process${DATABASE_URL ? ' / postgres processes' : ''}):`);
for (const [what, v] of byWhat)
  console.log(`  ${what.padEnd(34)} ${fmt(median(v.map((x) => x[0])))}${DATABASE_URL ? ` / ${fmt(median(v.map((x) => x[1])))}` : ''}`);

await ctx.database.close();
rmSync(dataDir, { recursive: true, force: true });

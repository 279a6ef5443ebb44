// Micro-benchmark of the redirect path's group commit: writeBatch() (links/clicks.ts) of B clicks
// per transaction on a real SQLite database opened by createContext, no HTTP. Prints CPU µs per
// click and, per SQL statement, the time spent in better-sqlite3 (run/all/get, timed by wrapping
// the Statement prototype), so what a commit costs is visible beside the statements.
//
//   B=25 node --import tsx bench/micro/click-batch.ts        (B: clicks per transaction, default 25)
//
// Measured 2026-12-01 on the 2-core bench VM (commit c81c3d8): with B=25, 16 µs CPU per click,
// 9.3 µs of it in SQLite, 5 µs of that the COMMIT (≈ 125 µs per transaction: ~25 WAL frames, two
// pwrite() calls each); B=5: commit 77 µs, B=100: 224 µs. The redirect bench's batches average 27
// clicks (linkwire_click_batch_size). bench/README.md#redirect-path.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../../packages/server/src/config.js';
import { inTransaction } from '../../packages/server/src/db/transaction.js';
import { type Interaction, writeBatch } from '../../packages/server/src/links/clicks.js';
import { newId } from '../../packages/server/src/lib/ids.js';
import { createLogger } from '../../packages/server/src/logger.js';
import { createContext } from '../../packages/server/src/context.js';

const times = new Map<string, { n: number; ns: bigint }>();
const proto = (Database as any).prototype.prepare.call(new Database(':memory:'), 'select 1').constructor.prototype;
for (const m of ['run', 'all', 'get']) {
  const orig = proto[m];
  proto[m] = function (...a: unknown[]) {
    const t0 = process.hrtime.bigint();
    try {
      return orig.apply(this, a);
    } finally {
      const k = `${m} ${String(this.source).replace(/\s+/g, ' ').slice(0, 90)}`;
      const e = times.get(k) ?? { n: 0, ns: 0n };
      e.n++;
      e.ns += process.hrtime.bigint() - t0;
      times.set(k, e);
    }
  };
}
const config = loadConfig({
  LINKWIRE_SECRET_KEY: randomBytes(32).toString('base64'),
  LINKWIRE_DATA_DIR: mkdtempSync(join(tmpdir(), 'lw-c-')),
  LOG_LEVEL: 'silent',
});
const ctx = await createContext(config, { log: createLogger('silent') });
const accountId = newId('acc');
const now0 = Date.now();
await ctx.db
  .insertInto('accounts')
  .values({ id: accountId, email: 'c@example.com', handle: 'clicky', passwordHash: 'x', plan: 'pro', createdAt: now0, updatedAt: now0 })
  .execute();
const linkId = newId('lnk');
await ctx.db
  .insertInto('links')
  .values({
    id: linkId,
    accountId,
    slug: 'abc',
    url: 'https://example.com/x',
    title: 'X',
    type: 'link',
    position: 0,
    thumbnailUrl: null,
    expiresAt: null,
    expiredAt: null,
    clicks: 0,
    createdAt: now0,
    updatedAt: now0,
  } as any)
  .execute();
const link = {
  id: linkId,
  accountId,
  handle: 'clicky',
  slug: 'abc',
  url: 'https://example.com/x',
  title: 'X',
  type: 'link' as const,
  expiresAt: null,
  expiredAt: null,
};
const visitor = {
  referer: null,
  country: 'DE',
  city: null,
  device: 'desktop',
  browser: 'Chrome',
  os: 'Linux',
  utm: { source: null, medium: null, campaign: null, term: null, content: 'c1' },
  visitorId: 'v_abc',
} as any;
const B = Number(process.env.B ?? 25);
for (let round = 0; round < 3; round++) {
  times.clear();
  const c0 = process.cpuUsage();
  const N = 2000;
  for (let i = 0; i < N; i++) {
    const batch: Interaction[] = Array.from({ length: B }, () => ({ kind: 'click', link, source: 'short_link', visitor, at: Date.now() }));
    await inTransaction(ctx.db, (tx) => writeBatch(ctx, tx, batch));
  }
  const c = process.cpuUsage(c0);
  console.log(`round ${round}: ${((c.user + c.system) / (N * B)).toFixed(1)} µs CPU per click (batch ${B})`);
}
let total = 0n;
for (const e of times.values()) total += e.ns;
for (const [k, e] of [...times].sort((a, b) => Number(b[1].ns - a[1].ns)))
  console.log(
    `${(Number(e.ns) / 1e3 / (2000 * B)).toFixed(2).padStart(6)} µs/click  ${(Number(e.ns) / 1e3 / e.n).toFixed(1).padStart(6)} µs/stmt  n=${e.n}  ${k}`,
  );
console.log(`SQL total ${(Number(total) / 1e3 / (2000 * B)).toFixed(2)} µs/click`);
await ctx.database.close();

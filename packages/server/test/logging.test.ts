import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '../src/app.js';
import type { AppContext } from '../src/context.js';
import { REDACT_PATHS } from '../src/logger.js';
import { createContext } from '../src/context.js';
import { freshDatabase, type TestDatabase, testConfig } from './helpers.js';

// Request loggers are created lazily (logger.ts); a line that is written must still carry the
// request id, and never the caller's credentials.
const lines: Array<Record<string, unknown>> = [];
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;

before(async () => {
  db = await freshDatabase('sqlite');
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  const log = pino({ level: 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' } }, stream);
  ctx = await createContext(testConfig(db.env), { log });
  app = await buildApp(ctx);
  app.get('/boom', async (req) => {
    req.log.info({ apiKey: 'lw_should_not_appear' }, 'about to fail');
    throw new Error('kaboom');
  });
  await app.ready();
});
after(async () => {
  await app.close();
  await ctx.database.close();
  await db.drop();
});

it('a request that logs writes its reqId; credentials are redacted; the client sees no details', async () => {
  const token = `lw_${randomBytes(16).toString('hex')}`;
  const res = await app.inject({ method: 'GET', url: '/boom', headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.statusCode, 500);
  assert.doesNotMatch(res.body, /kaboom/);
  const reqId = res.headers['x-request-id'];
  assert.match(String(reqId), /^req_/);
  const mine = lines.filter((l) => l.reqId === reqId);
  assert.deepEqual(
    mine.map((l) => l.msg),
    ['about to fail', 'unhandled error', 'request failed'],
  );
  assert.equal((mine[0] as { apiKey: string }).apiKey, '[redacted]');
  const all = JSON.stringify(lines);
  assert.doesNotMatch(all, new RegExp(token));
  assert.doesNotMatch(all, /lw_should_not_appear/);
});

it('a request that does not log writes nothing', async () => {
  const before = lines.length;
  const res = await app.inject({ method: 'GET', url: '/healthz' });
  assert.equal(res.statusCode, 200);
  assert.equal(lines.length, before);
});

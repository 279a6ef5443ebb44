import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import { liveThreads } from '@linkwire/test-kit';
import type { FastifyInstance, InjectOptions } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import type { AppContext } from '../src/context.js';
import { createLogger } from '../src/logger.js';
import { createContext } from '../src/context.js';

export type DialectName = 'sqlite' | 'postgres';

/** Every dialect the suites are written for. */
export const ALL_DIALECTS: DialectName[] = ['sqlite', 'postgres'];

/** The dialects available here: SQLite always; PostgreSQL when TEST_DATABASE_URL is set (CI always sets it). */
export const DIALECTS: DialectName[] = ALL_DIALECTS.filter((dialect) => !dialectSkip(dialect).skip);

/**
 * `{ skip: reason }` for a dialect that cannot run here, `{}` otherwise: a suite given it is
 * reported as skipped with the reason, instead of missing from the output without a word.
 */
export function dialectSkip(dialect: DialectName): { skip?: string } {
  return dialect === 'postgres' && !process.env.TEST_DATABASE_URL ? { skip: 'TEST_DATABASE_URL not set' } : {};
}

/**
 * Runs the same suite on every dialect, like Kysely's own tests; the ones not available here are
 * reported skipped. Each suite also fails if, after its own `after` hooks, a thread it started is
 * still running (a dispatcher's sender thread, a database's WAL checkpointer): a suite that forgets
 * to stop one fails itself, instead of leaving it to run under the suites after it. `options.skip`
 * reports every dialect's suite skipped with that reason (a tool the suite needs is not installed).
 */
export function describeEachDialect(name: string, fn: (dialect: DialectName) => void, options: { skip?: string } = {}): void {
  for (const dialect of ALL_DIALECTS) {
    // A suite-wide reason (a missing tool, e.g. caddy) wins over the dialect's own.
    describe(`${name} [${dialect}]`, options.skip ? { skip: options.skip } : dialectSkip(dialect), () => {
      let threads = 0;
      before(() => {
        threads = liveThreads();
      });
      fn(dialect);
      after(async () => {
        // A thread that was told to stop may still be listed for a moment after its close()
        // resolved (seen on a loaded machine); one that is really left running stays listed.
        const until = Date.now() + 2_000;
        while (liveThreads() > threads && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
        const left = liveThreads() - threads;
        assert.ok(left <= 0, `${left} worker thread(s) this suite started still run 2 s after its after hooks: stop its dispatchers, close its nodes`);
      });
    });
  }
}

export interface TestDatabase {
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A fresh, empty database: a temp dir for SQLite, a new database on the TEST_DATABASE_URL server. */
export async function freshDatabase(dialect: DialectName): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'linkwire-test-'));
  if (dialect === 'sqlite') {
    return { env: { LINKWIRE_DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `lw_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { LINKWIRE_DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function testConfig(env: Record<string, string>): Config {
  return loadConfig({
    LINKWIRE_SECRET_KEY: randomBytes(32).toString('base64'),
    LINKWIRE_DEV: '1',
    LINKWIRE_ALLOW_PRIVATE_TARGETS: '127.0.0.0/8',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
}

export interface TestNode {
  dialect: DialectName;
  ctx: AppContext;
  app: FastifyInstance;
  config: Config;
  /** app.inject with JSON parsing of the response body. */
  request(opts: InjectOptions & { token?: string }): Promise<{ status: number; body: any; headers: Record<string, any>; raw: string }>;
  /** Creates an account through the API; returns its id, handle and API key. */
  signup(
    overrides?: Partial<{ email: string; password: string; handle: string }>,
  ): Promise<{ accountId: string; apiKey: string; handle: string; email: string }>;
  close(): Promise<void>;
}

/**
 * The suite's node, created in its `before` hook and closed in its `after` hook: one line in place
 * of `let node; before(() => node = createTestNode(…)); after(() => node.close())`. The object
 * returned reads through to that node, so tests use it as the node itself.
 */
export function suiteNode(dialect: DialectName, env: Record<string, string> = {}): TestNode {
  let current: TestNode | undefined;
  before(async () => {
    current = await createTestNode(dialect, env);
  });
  after(async () => {
    await current?.close();
  });
  return new Proxy({} as TestNode, {
    get(_target, key) {
      if (!current) throw new Error(`the suite's node was used (${String(key)}) before its before hook ran`);
      return current[key as keyof TestNode];
    },
  });
}

let counter = 0;

export async function createTestNode(dialect: DialectName, env: Record<string, string> = {}): Promise<TestNode> {
  const database = await freshDatabase(dialect);
  const config = testConfig({ ...database.env, ...env });
  const ctx = await createContext(config, { log: createLogger(config.logLevel) });
  const app = await buildApp(ctx);
  await app.ready();
  const node: TestNode = {
    dialect,
    ctx,
    app,
    config,
    async request({ token, ...opts }) {
      const headers = { ...(opts.headers ?? {}) } as Record<string, string>;
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await app.inject({ ...opts, headers });
      let body: unknown = res.body;
      if (/\bjson\b/.test(String(res.headers['content-type'] ?? ''))) body = res.body ? JSON.parse(res.body) : null;
      return { status: res.statusCode, body, headers: res.headers, raw: res.body };
    },
    async signup(overrides = {}) {
      const n = `${process.pid}${++counter}${randomBytes(2).toString('hex')}`;
      const payload = { email: `user${n}@example.com`, password: 'correct horse battery', handle: `user${n}`, ...overrides };
      const res = await node.request({ method: 'POST', url: '/api/v1/signup', payload });
      if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.raw}`);
      return { accountId: res.body.account.id, apiKey: res.body.apiKey, handle: payload.handle, email: payload.email };
    },
    async close() {
      await app.close();
      await ctx.database.close();
      await database.drop();
    },
  };
  return node;
}

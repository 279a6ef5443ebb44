#!/usr/bin/env node
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import { changePlan, findAccount, signup, toAccountView } from './accounts/service.js';
import { type Config, ConfigError, loadConfig, PLAN_NAMES, type PlanName } from './config.js';
import { inTransaction } from './db/transaction.js';
import { openDatabase } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import { EVENT_TYPES, EXAMPLES, isEventType } from './events/catalog.js';
import { AppError } from './http/errors.js';
import { replay } from './delivery/history.js';
import { createContext } from './context.js';
import { startNode } from './server.js';
import { API_SERVICES, WORKER_SERVICES } from './services.js';

const USAGE = `Usage: linkwire <command> [options]

Commands:
  start [--dev] [--role all|api|worker]     run the API, public pages, dashboard and/or delivery worker
  migrate                                   apply database migrations and exit
  account create --email E --password P --handle H [--plan free|pro|business] [--json]
  account plan <account> <free|pro|business>   change a plan (emits account.upgraded/downgraded)
  account list [--json]
  trigger <eventType> --account <id|handle|email> [--count N] [--json]
                                            emit sample events (try your endpoints, fill a backlog)
  replay --webhook <id> --since <iso> [--until <iso>] [--status failed|all] [--json]
                                            queue an endpoint's failed (or all) deliveries again

Configuration comes from environment variables (and ./.env); see README.md.`;

class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

function configFrom(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig({ ...process.env, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) });
}

async function cmdStart(args: string[]) {
  const { values } = parseArgs({ args, options: { dev: { type: 'boolean' }, role: { type: 'string' } } });
  const config = configFrom({ LINKWIRE_DEV: values.dev ? '1' : undefined, LINKWIRE_ROLE: values.role });
  if (config.dev) {
    process.stderr.write('⚠ Dev mode: webhooks may target http:// and loopback addresses. Never use this in production.\n');
  }
  const node = await startNode(config, { apiServices: API_SERVICES, workerServices: WORKER_SERVICES });
  if (process.stdout.isTTY) {
    process.stdout.write(
      `Linkwire is running (${config.role}) at ${node.url}\n  dashboard: ${node.url}/dashboard\n  database:  ${node.ctx.database.describe}\n`,
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    node.ctx.log.info({ signal }, 'shutting down: draining in-flight work');
    const force = setTimeout(() => {
      node.ctx.log.error('shutdown took longer than 30 s; exiting');
      process.exit(1);
    }, 30_000);
    force.unref();
    node.close().then(
      () => process.exit(0),
      (err) => {
        node.ctx.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function cmdMigrate() {
  const config = configFrom();
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const { applied } = await migrateToLatest(database.db);
    process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
  } finally {
    await database.close();
  }
}

async function withContext<T>(fn: (ctx: Awaited<ReturnType<typeof createContext>>) => Promise<T>): Promise<T> {
  const config = configFrom({ LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const ctx = await createContext(config);
  try {
    return await fn(ctx);
  } finally {
    await ctx.database.close();
  }
}

async function cmdAccount(args: string[]) {
  const [sub, ...rest] = args;
  if (sub === 'create') {
    const { values } = parseArgs({
      args: rest,
      options: { email: { type: 'string' }, password: { type: 'string' }, handle: { type: 'string' }, plan: { type: 'string' }, json: { type: 'boolean' } },
    });
    if (!values.email || !values.password || !values.handle) fail('account create needs --email, --password and --handle');
    if (values.plan && !(PLAN_NAMES as readonly string[]).includes(values.plan)) fail(`--plan must be one of ${PLAN_NAMES.join(', ')}`);
    const result = await withContext((ctx) =>
      signup(ctx, { email: values.email!, password: values.password!, handle: values.handle!, plan: values.plan as PlanName | undefined }),
    );
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else process.stdout.write(`Created ${result.account.id} (@${result.account.handle}, ${result.account.plan}).\nAPI key (shown once): ${result.apiKey}\n`);
    return;
  }
  if (sub === 'plan') {
    const [who, plan] = rest;
    if (!who || !plan) fail('account plan needs <account> <plan>');
    if (!(PLAN_NAMES as readonly string[]).includes(plan)) fail(`plan must be one of ${PLAN_NAMES.join(', ')}`);
    await withContext(async (ctx) => {
      const account = await findAccount(ctx, who);
      if (!account) fail(`no account "${who}" (give an id, handle or email)`);
      const r = await changePlan(ctx, account.id, plan as PlanName);
      process.stdout.write(r.changed ? `@${account.handle}: ${r.fromPlan} → ${r.toPlan}\n` : `@${account.handle} is already on ${plan}.\n`);
    });
    return;
  }
  if (sub === 'list') {
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
    await withContext(async (ctx) => {
      const rows = await ctx.db.selectFrom('accounts').select(['id', 'email', 'handle', 'plan', 'createdAt']).orderBy('id').execute();
      const views = rows.map(toAccountView);
      if (values.json) process.stdout.write(`${JSON.stringify(views)}\n`);
      else if (views.length === 0) process.stdout.write('No accounts yet. Create one with: linkwire account create --email … --password … --handle …\n');
      else for (const a of views) process.stdout.write(`${a.id}  @${a.handle.padEnd(20)} ${a.plan.padEnd(9)} ${a.email}\n`);
    });
    return;
  }
  fail('account needs a subcommand: create, plan or list');
}

async function cmdTrigger(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { account: { type: 'string' }, count: { type: 'string' }, json: { type: 'boolean' } },
  });
  const type = positionals[0];
  if (!type || !isEventType(type)) fail(`trigger needs an event type, one of:\n  ${EVENT_TYPES.join('\n  ')}`);
  if (!values.account) fail('trigger needs --account <id|handle|email>');
  const count = Number(values.count ?? '1');
  if (!Number.isInteger(count) || count < 1 || count > 10_000_000) fail('--count must be a whole number from 1 to 10000000');
  await withContext(async (ctx) => {
    const account = await findAccount(ctx, values.account!);
    if (!account) fail(`no account "${values.account}"`);
    // Batches of 1 000 events per transaction: the same group commit the click path uses.
    const BATCH = 1000;
    let emitted = 0;
    let deliveries = 0;
    const started = Date.now();
    const progress = !values.json && process.stderr.isTTY && count >= BATCH;
    while (emitted < count) {
      const n = Math.min(BATCH, count - emitted);
      const inputs = Array.from({ length: n }, () => ({ accountId: account.id, type, data: EXAMPLES[type] }));
      const events = await inTransaction(ctx.db, (tx) => ctx.outbox.emitMany(tx, inputs));
      for (const e of events) deliveries += e.deliveries;
      emitted += n;
      if (progress) {
        const pct = Math.floor((emitted / count) * 100);
        process.stderr.write(`\r  ${String(pct).padStart(3)}%  ${emitted}/${count} events, ${deliveries} deliveries queued`);
      }
    }
    if (progress) process.stderr.write('\n');
    const summary = { type, account: account.id, events: emitted, deliveries, ms: Date.now() - started };
    if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else process.stdout.write(`Emitted ${emitted} × ${type} for @${account.handle}: ${deliveries} deliveries queued (${summary.ms} ms).\n`);
  });
}

async function cmdReplay(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { webhook: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, status: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (!values.webhook || !values.since) fail('replay needs --webhook <id> and --since <ISO time>');
  const since = Date.parse(values.since);
  const until = values.until ? Date.parse(values.until) : Date.now();
  if (Number.isNaN(since)) fail('--since must be an ISO 8601 time such as 2026-03-25T14:00:00Z');
  if (Number.isNaN(until)) fail('--until must be an ISO 8601 time such as 2026-03-25T18:00:00Z');
  const status = values.status ?? 'failed';
  if (status !== 'failed' && status !== 'all') fail('--status must be failed or all');
  await withContext(async (ctx) => {
    const endpoint = await ctx.db.selectFrom('webhooks').select(['id', 'accountId']).where('id', '=', values.webhook!).executeTakeFirst();
    if (!endpoint) fail(`no webhook "${values.webhook}"`);
    const result = await replay(ctx, endpoint.accountId, endpoint.id, { since, until, status });
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else
      process.stdout.write(
        `Queued ${result.queued} deliveries of ${endpoint.id} again${result.overQuota ? ` (${result.overQuota} left out: 24-hour quota)` : ''}.\n`,
      );
  });
}

async function main(argv: string[]) {
  dotenv.config({ quiet: true });
  const [command, ...args] = argv;
  switch (command) {
    case 'start':
      return cmdStart(args);
    case 'migrate':
      return cmdMigrate();
    case 'account':
      return cmdAccount(args);
    case 'trigger':
      return cmdTrigger(args);
    case 'replay':
      return cmdReplay(args);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      fail(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).catch((err) => {
  if (err instanceof UsageError) process.stderr.write(`linkwire: ${err.message}\n\n${USAGE}\n`);
  else if (err instanceof ConfigError) process.stderr.write(`linkwire: ${err.message}\n`);
  else if (err instanceof AppError) {
    const fields = err.extra.errors?.map((e) => `\n  ${e.field}: ${e.message}`).join('') ?? '';
    process.stderr.write(`linkwire: ${err.message}${fields}\n`);
  } else process.stderr.write(`linkwire: ${(err as Error).stack ?? err}\n`);
  process.exit(err instanceof UsageError || err instanceof ConfigError || err instanceof AppError ? 2 : 1);
});

// The `linkwire` command line (src/cli.ts and its commands in src/cli/), run as a user runs it.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { freshDatabase, type TestDatabase } from './helpers.js';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// On SQLite only: what the CLI itself does (flags, output, exit codes) does not depend on the
// database, the services it calls are tested on both, and each run is a process start (≈ 1.4 s here).
describe('linkwire CLI', () => {
  let database: TestDatabase;
  let env: NodeJS.ProcessEnv;
  const linkwire = (...args: string[]) =>
    new Promise<Run>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { env }, (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      });
    });

  before(async () => {
    database = await freshDatabase('sqlite');
    env = { ...process.env, ...database.env, LINKWIRE_SECRET_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'silent' };
  });
  after(async () => database.drop());

  it('migrate applies the migrations once; then the database is up to date', async () => {
    const first = await linkwire('migrate');
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^Applied: 001_init, /);
    assert.deepEqual(await linkwire('migrate'), { code: 0, stdout: 'Database is up to date.\n', stderr: '' });
  });

  it('account create, list and plan; a bad flag is a usage error with exit code 2', async () => {
    const empty = await linkwire('account', 'list');
    assert.equal(empty.stdout, 'No accounts yet. Create one with: linkwire account create --email … --password … --handle …\n');
    const created = await linkwire(
      'account',
      'create',
      '--email',
      'Ada@Example.com',
      '--password',
      'correct horse battery',
      '--handle',
      'ada',
      '--plan',
      'free',
      '--json',
    );
    assert.equal(created.code, 0, created.stderr);
    const { account, apiKey } = JSON.parse(created.stdout);
    assert.match(apiKey, /^lw_/);
    assert.equal(account.plan, 'free');
    const list = await linkwire('account', 'list');
    assert.equal(list.stdout, `${account.id}  @${'ada'.padEnd(20)} ${'free'.padEnd(9)} ada@example.com\n`);
    const json = await linkwire('account', 'list', '--json');
    assert.deepEqual(JSON.parse(json.stdout), [account]);
    assert.equal((await linkwire('account', 'plan', 'ada', 'pro')).stdout, '@ada: free → pro\n');
    assert.equal((await linkwire('account', 'plan', 'ada@example.com', 'pro')).stdout, '@ada is already on pro.\n');
    const invite = await linkwire('invite', 'create', '--account', 'ada', '--email', 'Grace@Example.com', '--role', 'editor', '--json');
    assert.equal(invite.code, 0, invite.stderr);
    const invited = JSON.parse(invite.stdout);
    assert.equal(invited.email, 'grace@example.com');
    assert.equal(invited.role, 'editor');
    assert.match(invited.acceptUrl, /\/dashboard\/accept-invite#token=/);
    const badRole = await linkwire('invite', 'create', '--account', 'ada', '--email', 'x@example.com', '--role', 'boss');
    assert.equal(badRole.code, 2);
    assert.match(badRole.stderr, /^linkwire: --role must be one of owner, admin, editor, viewer\n/);
    const bad = await linkwire('account', 'create', '--email', 'b@example.com', '--password', 'correct horse battery', '--handle', 'bee', '--plan', 'gold');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^linkwire: --plan must be one of free, pro, business\n\nUsage: linkwire <command>/);
  });

  it('trigger emits sample events; replay names an unknown webhook; an unknown command prints the usage', async () => {
    const trigger = await linkwire('trigger', 'link.click', '--account', 'ada', '--count', '3', '--json');
    assert.equal(trigger.code, 0, trigger.stderr);
    assert.deepEqual(
      { ...JSON.parse(trigger.stdout), ms: 0 },
      { type: 'link.click', account: JSON.parse(trigger.stdout).account, events: 3, deliveries: 0, ms: 0 },
    );
    const replay = await linkwire('replay', '--webhook', 'wh_nope', '--since', '2026-03-25T14:00:00Z');
    assert.equal(replay.code, 2);
    assert.match(replay.stderr, /^linkwire: no webhook "wh_nope"\n/);
    const unknown = await linkwire('toString');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^linkwire: unknown command "toString"\n\nUsage: linkwire <command>/);
    const help = await linkwire('--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: linkwire <command> \[options\]\n\nCommands:\n {2}start /);
  });
});

describe('linkwire start: the heap growth bound', () => {
  it('sets --heap-growing-percent=100 unless node was started with its own', async () => {
    const { heapGrowthFlag } = await import('../src/cli/start.js');
    assert.equal(heapGrowthFlag([]), '--heap-growing-percent=100');
    assert.equal(heapGrowthFlag(['--import', 'tsx', '--max-old-space-size=512']), '--heap-growing-percent=100');
    assert.equal(heapGrowthFlag(['--heap-growing-percent=300']), null);
    assert.equal(heapGrowthFlag(['--heap_growing_percent=50']), null);
  });
});

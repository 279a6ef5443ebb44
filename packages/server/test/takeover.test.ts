import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { after, before, it } from 'node:test';
import pg from 'pg';
import { claimFor } from '../src/delivery/claim.js';
import { Dispatcher } from '../src/delivery/dispatcher.js';
import { holderGoneFromThisHost, newHolderId, processStart, startTakeover } from '../src/delivery/takeover.js';
import { createEndpoint, emitConnected, type Receiver, startReceiver, waitFor } from './delivery-helpers.js';
import { createTestNode, describeEachDialect, type TestNode } from './helpers.js';

// Crash takeover: claims of a worker that is provably gone come back at once, not after the
// 90 s lease; claims of a live worker stay with it.

/** A holder id like this process's, for another process. */
const holderWithPid = (pid: number) => {
  const [host, , , boot, rand] = newHolderId().split(':');
  return `${host}:${pid}:${processStart(pid)}:${boot}:${rand}`;
};

/** A process that runs until killed: a live holder on this host. */
async function liveProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await once(child, 'spawn');
  return child;
}

/**
 * A worker holding claims, in the dialect's terms: a live process on this host (SQLite), or a
 * session holding the worker's advisory lock (PostgreSQL). `die()` ends it as a SIGKILL would.
 */
async function fakeHolder(node: TestNode, children: ChildProcess[]): Promise<{ id: string; die(): Promise<void> }> {
  const child = await liveProcess();
  children.push(child);
  const id = holderWithPid(child.pid!);
  let session: pg.Client | null = null;
  if (node.ctx.config.databaseUrl) {
    session = new pg.Client({ connectionString: node.ctx.config.databaseUrl });
    await session.connect();
    await session.query('SELECT pg_advisory_lock($1, hashtext($2))', [0x4c57, id]);
  }
  return {
    id,
    async die() {
      child.kill('SIGKILL');
      await once(child, 'exit');
      // end(), not a polite unlock: the session simply goes, as with a killed process.
      await session?.end();
    },
  };
}

describeEachDialect('crash takeover of claims', (dialect) => {
  let node: TestNode;
  const receivers: Receiver[] = [];
  const children: ChildProcess[] = [];
  before(async () => {
    node = await createTestNode(dialect);
  });
  after(async () => {
    for (const c of children) c.kill('SIGKILL');
    for (const r of receivers) await r.close();
    await node.close();
  });

  /** `count` deliveries to a fresh receiver, all claimed by `holder` with a 90 s lease. */
  const claimedBy = async (holder: string, count: number) => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const u = await node.signup();
    const endpoint = await createEndpoint(node.ctx, u.accountId, { url: receiver.url, events: ['integration.connected'] });
    await emitConnected(node.ctx, u.accountId, count);
    const now = Date.now();
    // Whatever an earlier test left pending is claimed too: it must come back all the same.
    const claimed = await claimFor(node.ctx.database.caps)(node.ctx.db, holder, now, now + 90_000, 1_000);
    assert.equal(claimed.filter((d) => d.webhookId === endpoint.id).length, count);
    return receiver;
  };

  it('a sweep leaves a live holder its claims and takes them back once it is gone', async () => {
    const holder = await fakeHolder(node, children);
    await claimedBy(holder.id, 5);
    const takeover = startTakeover({
      db: node.ctx.db,
      caps: node.ctx.database.caps,
      databaseUrl: node.ctx.config.databaseUrl,
      holderId: newHolderId(),
      log: node.ctx.log,
      graceMs: 0,
      onTakenBack: () => {},
    });
    try {
      assert.equal(await takeover.sweep(), 0);
      await holder.die();
      assert.equal(await takeover.sweep(), 5);
      const rows = await node.ctx.db.selectFrom('deliveries').select(['claimedBy', 'nextAttemptAt']).where('status', '=', 'pending').execute();
      assert.ok(
        rows.every((r) => r.claimedBy === null && r.nextAttemptAt <= Date.now()),
        'every claim is handed back, due now',
      );
      assert.equal(await takeover.sweep(), 0);
    } finally {
      await takeover.close();
    }
  });

  it('a restarted worker delivers a dead worker’s claims long before their lease ends', async () => {
    const holder = await fakeHolder(node, children);
    const receiver = await claimedBy(holder.id, 20);
    await holder.die();
    const dispatcher = new Dispatcher(node.ctx, { pollMs: 20 });
    try {
      // 30 s: a third of the 90 s lease, which these claims would otherwise wait out.
      await waitFor('the 20 deliveries', () => receiver.requests.length >= 20, 30_000);
      await dispatcher.flush();
    } finally {
      await dispatcher.stop();
    }
    const pending = await node.ctx.db.selectFrom('deliveries').select('id').where('status', '=', 'pending').execute();
    assert.deepEqual(pending, []);
  });

  if (dialect === 'sqlite') {
    it('on this host: a reused pid or another boot proves the holder gone; this process, another host or an old id never do', async () => {
      const self = newHolderId();
      const [host, pid, start, boot] = self.split(':');
      const parent = process.ppid;
      const parentStart = processStart(parent);
      assert.equal(holderGoneFromThisHost(self), false);
      assert.equal(holderGoneFromThisHost(`${host}:${pid}:${start}:${boot}:other`), false, 'another dispatcher of this process');
      assert.equal(holderGoneFromThisHost(`${host}:${parent}:${parentStart}:${boot}:0000`), false);
      assert.equal(holderGoneFromThisHost(`${host}:${parent}:${Number(parentStart) - 1}:${boot}:0000`), true, 'the pid now runs another process');
      assert.equal(holderGoneFromThisHost(`${host}:${parent}:${parentStart}:ffffffffffff:0000`), true, 'the machine rebooted since');
      assert.equal(holderGoneFromThisHost(`elsewhere.invalid:${parent}:${parentStart}:ffffffffffff:0000`), false);
      assert.equal(holderGoneFromThisHost(`${host}:${parent}:0000`), false, 'an id of the old form waits for the lease');
    });
  }
});

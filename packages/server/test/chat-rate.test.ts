import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { block, takeTurn } from '../src/delivery/chat-rate.js';
import { type FakeSlack, startFakeSlack } from './fakes/slack.js';
import { createTestNode, describeEachDialect, type TestNode } from './helpers.js';

// The chat rate limit's policy on each dialect, with a fake clock: the turns are taken in the
// database (webhooks.chat_next_at), so what one worker takes another cannot take again. Two callers
// here stand for two worker processes: they share nothing but the row.

describeEachDialect('chat rate limit in the database', (dialect) => {
  let node: TestNode;
  let endpointId: string;
  let slack: FakeSlack;
  before(async () => {
    slack = await startFakeSlack();
    node = await createTestNode(dialect, { LINKWIRE_DEFAULT_PLAN: 'pro' });
    const u = await node.signup();
    const res = await node.request({
      method: 'POST',
      url: '/api/v1/webhooks',
      token: u.apiKey,
      payload: { url: slack.url, events: ['link.click'], format: 'slack' },
    });
    assert.equal(res.status, 201, res.raw);
    endpointId = res.body.id;
  });
  after(async () => {
    await node.close();
    await slack.close();
  });

  it('a burst of 2, then one turn a second, whoever asks', async () => {
    const t0 = 1_800_000_000_000;
    const worker = (now: number) => takeTurn(node.ctx.db, endpointId, now);
    assert.deepEqual(await worker(t0), { granted: true, nextAt: t0 });
    assert.deepEqual(await worker(t0), { granted: true, nextAt: t0 + 1000 }, 'the second of the burst');
    assert.deepEqual(await worker(t0 + 10), { granted: false, nextAt: t0 + 1000 }, 'the third waits');
    assert.deepEqual(await worker(t0 + 1000), { granted: true, nextAt: t0 + 2000 });
    assert.deepEqual(await worker(t0 + 1500), { granted: false, nextAt: t0 + 2000 });
    // Over 10 s of asking every 100 ms, 10 turns: never more than the rate.
    let granted = 0;
    for (let t = t0 + 2000; t < t0 + 12_000; t += 100) if ((await worker(t)).granted) granted++;
    assert.equal(granted, 10);
    // After a quiet spell, the burst is back, and no more than the burst.
    const later = t0 + 60_000;
    const turns = await Promise.all([worker(later), worker(later), worker(later), worker(later)]);
    assert.equal(turns.filter((t) => t.granted).length, 2, 'two concurrent askers beyond the burst are refused');
  });

  it('a 429 seen by one worker holds back every worker until its Retry-After', async () => {
    const t0 = 1_900_000_000_000;
    assert.equal((await takeTurn(node.ctx.db, endpointId, t0)).granted, true);
    await block(node.ctx.db, endpointId, t0 + 30_000);
    assert.deepEqual(await takeTurn(node.ctx.db, endpointId, t0 + 29_999), { granted: false, nextAt: t0 + 30_000 });
    // A shorter block never shortens a longer one.
    await block(node.ctx.db, endpointId, t0 + 5_000);
    assert.deepEqual(await takeTurn(node.ctx.db, endpointId, t0 + 6_000), { granted: false, nextAt: t0 + 30_000 });
    assert.deepEqual(await takeTurn(node.ctx.db, endpointId, t0 + 30_000), { granted: true, nextAt: t0 + 31_000 }, 'then one turn, not a burst');
  });

  it('a removed endpoint row is granted (the send finds out)', async () => {
    assert.equal((await takeTurn(node.ctx.db, 'wh_missing', Date.now())).granted, true);
  });
});

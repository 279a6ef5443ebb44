import assert from 'node:assert/strict';
import { it } from 'node:test';
import { newId } from '../src/lib/ids.js';
import { describeEachDialect, suiteNode } from './helpers.js';

// Responses are encoded through their declared schemas, so a stored value the current schema does
// not allow would turn a read into a 500. Rows written by another version must still read.
describeEachDialect('reads of values another version stored', (dialect) => {
  const node = suiteNode(dialect);

  it('the event log lists an event whose type has since been retired', async () => {
    const u = await node.signup();
    const id = newId('evt');
    const now = Date.now();
    const payload = JSON.stringify({ id, type: 'link.retired_type', timestamp: new Date(now).toISOString(), accountId: u.accountId, data: {} });
    await node.ctx.db.insertInto('events').values({ id, accountId: u.accountId, type: 'link.retired_type', createdAt: now, payload }).execute();
    const res = await node.request({ method: 'GET', url: '/api/v1/events', token: u.apiKey });
    assert.equal(res.status, 200, res.raw);
    assert.ok(res.body.data.some((e: { id: string; type: string }) => e.id === id && e.type === 'link.retired_type'));
  });

  it('a profile whose stored theme this version does not know reads as the light theme', async () => {
    const u = await node.signup();
    await node.ctx.db.updateTable('profiles').set({ theme: 'neon' }).where('accountId', '=', u.accountId).execute();
    const res = await node.request({ method: 'GET', url: '/api/v1/profile', token: u.apiKey });
    assert.equal(res.status, 200, res.raw);
    assert.equal(res.body.theme, 'light');
  });
});

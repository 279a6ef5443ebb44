import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { startNode } from '../src/server.js';
import { freshDatabase, testConfig } from './helpers.js';

it('PORT=0: the node listens on a free port and its default public URL names that port', async () => {
  const database = await freshDatabase('sqlite');
  after(() => database.drop());
  const node = await startNode(testConfig({ ...database.env, PORT: '0', LINKWIRE_DEV: '1' }));
  try {
    const port = new URL(node.url).port;
    assert.notEqual(port, '0');
    assert.equal(node.ctx.config.publicUrl, `http://localhost:${port}`);
    const health = await fetch(`${node.url}/healthz`);
    assert.equal(health.status, 200);
  } finally {
    await node.close();
  }
});

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { it } from 'node:test';
import { getOnHost } from '../src/index.js';

it('getOnHost sends the Host header it is given and returns status, headers and body without following redirects', async () => {
  const seen: Array<string | undefined> = [];
  const server = createServer((req, res) => {
    seen.push(req.headers.host);
    if (req.url === '/go') res.writeHead(302, { location: 'https://example.com/' }).end();
    else res.writeHead(200, { 'x-echo': String(req.headers['user-agent']) }).end(`on ${req.headers.host} ✓`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const page = await getOnHost(origin, 'go.brand.test', '/', { 'user-agent': 'probe' });
    assert.equal(page.status, 200);
    assert.equal(page.body, 'on go.brand.test ✓');
    assert.equal(page.headers['x-echo'], 'probe');
    const moved = await getOnHost(origin, 'go.brand.test', '/go');
    assert.equal(moved.status, 302);
    assert.equal(moved.headers.location, 'https://example.com/');
    assert.deepEqual(seen, ['go.brand.test', 'go.brand.test']);
  } finally {
    await new Promise((r) => server.close(r));
  }
});

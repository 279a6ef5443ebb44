import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { databaseUnavailable } from '../src/db/health.js';
import { describeEachDialect, suiteNode } from './helpers.js';

// A database that cannot take a write (disk full) or be reached is a 503 problem+json with
// Retry-After, never a 500; the chaos suite (chaos/) does the same with a real full disk and a
// real PostgreSQL restart. Here SQLite is made full by capping its page count.

describeEachDialect('database outages', (dialect) => {
  const node = suiteNode(dialect);

  if (dialect === 'sqlite') {
    it('a full disk answers 503 problem+json on the API and on a short link, and writes work again once there is room', async () => {
      const u = await node.signup();
      const link = await node.request({ method: 'POST', url: '/api/v1/links', token: u.apiKey, payload: { url: 'https://example.com/', title: 'Full' } });
      assert.equal(link.status, 201);
      const pages = await sql<{ pageCount: number }>`PRAGMA page_count`.execute(node.ctx.db);
      await sql.raw(`PRAGMA max_page_count = ${pages.rows[0]!.pageCount}`).execute(node.ctx.db);
      try {
        // The free room left in the file's pages fills first: write until a write is refused.
        let api = await node.request({
          method: 'POST',
          url: '/api/v1/links',
          token: u.apiKey,
          payload: { url: 'https://example.com/', title: 'x'.repeat(200) },
        });
        for (let i = 0; i < 500 && api.status === 201; i++) {
          api = await node.request({ method: 'POST', url: '/api/v1/links', token: u.apiKey, payload: { url: 'https://example.com/', title: 'x'.repeat(200) } });
        }
        assert.equal(api.status, 503, api.raw);
        assert.match(String(api.headers['content-type']), /^application\/problem\+json/);
        assert.equal(api.body.type, 'https://linkwire.dev/problems/storage_full');
        assert.equal(api.headers['retry-after'], '5');
        // The click cannot be recorded, so there is no redirect either (it would be a click lost).
        let click = await node.request({ method: 'GET', url: `/l/${link.body.slug}`, headers: { 'user-agent': 'Mozilla/5.0 Firefox/130.0' } });
        for (let i = 0; i < 50 && click.status === 302; i++) {
          click = await node.request({ method: 'GET', url: `/l/${link.body.slug}`, headers: { 'user-agent': 'Mozilla/5.0 Firefox/130.0' } });
        }
        assert.equal(click.status, 503, click.raw);
        assert.match(String(click.headers['content-type']), /^application\/problem\+json/);
      } finally {
        await sql.raw('PRAGMA max_page_count = 1073741823').execute(node.ctx.db);
      }
      const again = await node.request({
        method: 'POST',
        url: '/api/v1/links',
        token: u.apiKey,
        payload: { url: 'https://example.com/', title: 'Room again' },
      });
      assert.equal(again.status, 201);
      const health = await node.request({ method: 'GET', url: '/healthz' });
      assert.equal(health.status, 200);
    });
  }

  it('tells outages from other database errors', async () => {
    const other = await sql`SELECT * FROM no_such_table`.execute(node.ctx.db).catch((err: unknown) => err);
    assert.equal(databaseUnavailable(other), null);
    assert.equal(databaseUnavailable(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })), 'storage_full');
    assert.equal(
      databaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })),
      'database_unavailable',
    );
    assert.equal(databaseUnavailable(new Error('Connection terminated unexpectedly')), 'database_unavailable');
  });
});

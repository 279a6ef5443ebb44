import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect, suiteNode, type TestNode } from './helpers.js';

async function events(node: TestNode, token: string, type: string) {
  const res = await node.request({ method: 'GET', url: `/api/v1/events?type=${type}&limit=100`, token });
  return res.body.data as Array<{ type: string; data: any }>;
}

describeEachDialect('links API', (dialect) => {
  const node = suiteNode(dialect, { LINKWIRE_PUBLIC_URL: 'https://lnk.example.com' });

  it('creates a link with a generated slug and emits link.created with the catalog fields', async () => {
    const u = await node.signup();
    const res = await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token: u.apiKey,
      payload: { url: 'https://music.example.com/single', title: 'My single' },
    });
    assert.equal(res.status, 201);
    assert.match(res.body.slug, /^[A-Za-z0-9]{7}$/);
    assert.deepEqual(Object.keys(res.body).sort(), [
      'app',
      'clicks',
      'createdAt',
      'domain',
      'expiresAt',
      'id',
      'position',
      'qrUrl',
      'shortUrl',
      'slug',
      'thumbnailUrl',
      'title',
      'type',
      'updatedAt',
      'url',
    ]);
    assert.equal(res.body.shortUrl, `https://lnk.example.com/l/${res.body.slug}`);
    assert.equal(res.body.qrUrl, `https://lnk.example.com/q/${res.body.slug}`);
    assert.equal(res.body.type, 'link');
    assert.equal(res.body.position, 0);
    assert.equal(res.body.clicks, 0);
    const [created] = await events(node, u.apiKey, 'link.created');
    assert.deepEqual(created!.data, {
      linkId: res.body.id,
      title: 'My single',
      url: 'https://music.example.com/single',
      position: 0,
      thumbnailUrl: null,
      type: 'link',
      slug: res.body.slug,
      shortUrl: res.body.shortUrl,
      expiresAt: null,
    });
  });

  it('validates URLs (http/https only), slugs and unknown fields, naming each field', async () => {
    const u = await node.signup();
    const bad = await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token: u.apiKey,
      payload: {
        url: 'javascript:alert(1)',
        title: '',
        slug: 'a b',
        thumbnailUrl: 'data:image/png;base64,AAAA',
        expiresAt: 'tomorrow',
        type: 'video',
        color: 'red',
      },
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e: any) => e.field).sort(), ['color', 'expiresAt', 'slug', 'thumbnailUrl', 'title', 'type', 'url']);
    const data = await node.request({ method: 'POST', url: '/api/v1/links', token: u.apiKey, payload: { url: 'data:text/html,<b>x</b>', title: 'x' } });
    assert.equal(data.status, 400);
    assert.equal(data.body.errors[0].field, 'url');
  });

  it('chosen slugs are unique across the instance (409 naming slug)', async () => {
    const a = await node.signup();
    const b = await node.signup();
    const first = await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token: a.apiKey,
      payload: { url: 'https://a.example.com', title: 'A', slug: 'Spring_2026' },
    });
    assert.equal(first.status, 201);
    const taken = await node.request({
      method: 'POST',
      url: '/api/v1/links',
      token: b.apiKey,
      payload: { url: 'https://b.example.com', title: 'B', slug: 'Spring_2026' },
    });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.errors[0].field, 'slug');
    const other = await node.request({ method: 'POST', url: '/api/v1/links', token: b.apiKey, payload: { url: 'https://b.example.com', title: 'B' } });
    const rename = await node.request({ method: 'PATCH', url: `/api/v1/links/${other.body.id}`, token: b.apiKey, payload: { slug: 'Spring_2026' } });
    assert.equal(rename.status, 409);
  });

  it('keeps positions 0..n-1 on create at a position, reorder and delete, and announces moved links', async () => {
    const u = await node.signup();
    const mk = async (title: string, position?: number) =>
      (await node.request({ method: 'POST', url: '/api/v1/links', token: u.apiKey, payload: { url: `https://example.com/${title}`, title, position } })).body;
    const a = await mk('a');
    const b = await mk('b');
    const c = await mk('c');
    const z = await mk('z', 0);
    const order = async () =>
      (await node.request({ method: 'GET', url: '/api/v1/links', token: u.apiKey })).body.data.map((l: any) => `${l.title}${l.position}`).join(' ');
    assert.equal(await order(), 'z0 a1 b2 c3');
    const moved = await node.request({ method: 'PATCH', url: `/api/v1/links/${c.id}`, token: u.apiKey, payload: { position: 1 } });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.position, 1);
    assert.equal(await order(), 'z0 c1 a2 b3');
    const del = await node.request({ method: 'DELETE', url: `/api/v1/links/${z.id}`, token: u.apiKey });
    assert.equal(del.status, 204);
    assert.equal(await order(), 'c0 a1 b2');
    const updates = await events(node, u.apiKey, 'link.updated');
    const cMove = updates.find((e) => e.data.linkId === c.id && e.data.changes.position?.from === 3);
    assert.deepEqual(cMove!.data.changes, { position: { from: 3, to: 1 } });
    // b was pushed from 2 to 3 by c's move, then back to 2 by z's deletion: both announced.
    assert.deepEqual(
      updates.filter((e) => e.data.linkId === b.id).map((e) => e.data.changes.position),
      [
        { from: 1, to: 2 },
        { from: 2, to: 3 },
        { from: 3, to: 2 },
      ],
    );
    const [deleted] = await events(node, u.apiKey, 'link.deleted');
    assert.equal(deleted!.data.linkId, z.id);
    assert.equal(deleted!.data.slug, z.slug);
    assert.ok(!Number.isNaN(Date.parse(deleted!.data.deletedAt)));
    assert.equal((await node.request({ method: 'GET', url: `/api/v1/links/${z.id}`, token: u.apiKey })).status, 404);
    assert.ok(a.id && b.id);
  });

  it('PATCH accepts every create field and emits link.updated with the changes', async () => {
    const u = await node.signup();
    const link = (await node.request({ method: 'POST', url: '/api/v1/links', token: u.apiKey, payload: { url: 'https://example.com/old', title: 'Old' } }))
      .body;
    const res = await node.request({
      method: 'PATCH',
      url: `/api/v1/links/${link.id}`,
      token: u.apiKey,
      payload: {
        url: 'https://example.com/new',
        title: 'New',
        type: 'product',
        slug: `new-${link.slug}`,
        thumbnailUrl: 'https://img.example.com/t.png',
        expiresAt: '2099-01-01T00:00:00Z',
        position: 0,
      },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.expiresAt, '2099-01-01T00:00:00.000Z');
    const [updated] = await events(node, u.apiKey, 'link.updated');
    assert.deepEqual(updated!.data.changes, {
      url: { from: 'https://example.com/old', to: 'https://example.com/new' },
      title: { from: 'Old', to: 'New' },
      type: { from: 'link', to: 'product' },
      slug: { from: link.slug, to: `new-${link.slug}` },
      thumbnailUrl: { from: null, to: 'https://img.example.com/t.png' },
      expiresAt: { from: null, to: '2099-01-01T00:00:00.000Z' },
    });
    assert.equal(updated!.data.shortUrl, `https://lnk.example.com/l/new-${link.slug}`);
    // An edit that changes nothing emits nothing.
    await node.request({ method: 'PATCH', url: `/api/v1/links/${link.id}`, token: u.apiKey, payload: { title: 'New' } });
    assert.equal((await events(node, u.apiKey, 'link.updated')).length, 1);
  });

  it('lists links in position order with a cursor, and never shows another account’s links', async () => {
    const u = await node.signup();
    const other = await node.signup();
    for (let i = 0; i < 5; i++)
      await node.request({ method: 'POST', url: '/api/v1/links', token: u.apiKey, payload: { url: 'https://example.com', title: `t${i}` } });
    const p1 = await node.request({ method: 'GET', url: '/api/v1/links?limit=2', token: u.apiKey });
    const p2 = await node.request({ method: 'GET', url: `/api/v1/links?limit=2&cursor=${p1.body.nextCursor}`, token: u.apiKey });
    const p3 = await node.request({ method: 'GET', url: `/api/v1/links?limit=2&cursor=${p2.body.nextCursor}`, token: u.apiKey });
    assert.deepEqual(
      [...p1.body.data, ...p2.body.data, ...p3.body.data].map((l: any) => l.title),
      ['t0', 't1', 't2', 't3', 't4'],
    );
    assert.equal(p3.body.nextCursor, null);
    const theirs = await node.request({ method: 'GET', url: '/api/v1/links', token: other.apiKey });
    assert.deepEqual(theirs.body.data, []);
    const id = p1.body.data[0].id;
    assert.equal((await node.request({ method: 'PATCH', url: `/api/v1/links/${id}`, token: other.apiKey, payload: { title: 'mine' } })).status, 404);
    assert.equal((await node.request({ method: 'DELETE', url: `/api/v1/links/${id}`, token: other.apiKey })).status, 404);
  });

  it('serves the QR code of /q/{slug} as SVG and PNG', async () => {
    const u = await node.signup();
    const link = (await node.request({ method: 'POST', url: '/api/v1/links', token: u.apiKey, payload: { url: 'https://example.com', title: 'QR' } })).body;
    const svg = await node.request({ method: 'GET', url: `/api/v1/links/${link.id}/qr.svg`, token: u.apiKey });
    assert.equal(svg.status, 200);
    assert.match(svg.headers['content-type'], /^image\/svg\+xml/);
    assert.match(svg.raw, /^<svg[^>]+viewBox/);
    const png = await node.app.inject({ method: 'GET', url: `/api/v1/links/${link.id}/qr.png?size=256`, headers: { authorization: `Bearer ${u.apiKey}` } });
    assert.equal(png.statusCode, 200);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.deepEqual([...png.rawPayload.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Width of the PNG (IHDR) is the requested size.
    assert.equal(png.rawPayload.readUInt32BE(16), 256);
  });

  it('profile: GET returns the contract shape, PATCH emits profile.updated with changes, themes are validated', async () => {
    const u = await node.signup();
    const get = await node.request({ method: 'GET', url: '/api/v1/profile', token: u.apiKey });
    assert.deepEqual(get.body, { handle: u.handle, title: u.handle, bio: null, avatarUrl: null, theme: 'light', url: `https://lnk.example.com/${u.handle}` });
    const patch = await node.request({
      method: 'PATCH',
      url: '/api/v1/profile',
      token: u.apiKey,
      payload: { title: 'Ada', bio: 'Poet of science.', avatarUrl: 'https://img.example.com/ada.png', theme: 'ocean' },
    });
    assert.equal(patch.status, 200);
    assert.equal(patch.body.theme, 'ocean');
    const [ev] = await events(node, u.apiKey, 'profile.updated');
    assert.deepEqual(ev!.data, {
      profileCode: u.handle,
      title: 'Ada',
      bio: 'Poet of science.',
      avatarUrl: 'https://img.example.com/ada.png',
      theme: 'ocean',
      changes: {
        title: { from: u.handle, to: 'Ada' },
        bio: { from: null, to: 'Poet of science.' },
        avatarUrl: { from: null, to: 'https://img.example.com/ada.png' },
        theme: { from: 'light', to: 'ocean' },
      },
    });
    const bad = await node.request({ method: 'PATCH', url: '/api/v1/profile', token: u.apiKey, payload: { theme: 'neon', avatarUrl: 'javascript:x' } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e: any) => e.field).sort(), ['avatarUrl', 'theme']);
  });
});

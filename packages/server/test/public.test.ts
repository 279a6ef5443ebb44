import assert from 'node:assert/strict';
import { it } from 'node:test';
import { newId } from '../src/lib/ids.js';
import { describeEachDialect, suiteNode, type TestNode } from './helpers.js';

const ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

async function events(node: TestNode, token: string, type: string) {
  return (await node.request({ method: 'GET', url: `/api/v1/events?type=${type}&limit=100`, token })).body.data as Array<{ data: any }>;
}

describeEachDialect('public profile page and subscribe', (dialect) => {
  const node = suiteNode(dialect);

  it('renders title, bio, avatar, links in position order, products and widgets, escaped, without scripts', async () => {
    const u = await node.signup();
    await node.request({
      method: 'PATCH',
      url: '/api/v1/profile',
      token: u.apiKey,
      payload: { title: 'Ada <Lovelace>', bio: 'Poet of science.', avatarUrl: 'https://img.example.com/ada.png', theme: 'sunset' },
    });
    const post = (payload: object) => node.request({ method: 'POST', url: '/api/v1/links', token: u.apiKey, payload });
    await post({ url: 'https://example.com/second', title: 'Second' });
    await post({ url: 'https://example.com/first', title: 'First', position: 0 });
    await post({
      url: 'https://shop.example.com/mug',
      title: 'Mug',
      type: 'product',
      thumbnailUrl: 'https://img.example.com/mug.png',
      slug: `mug-${u.handle}`,
    });
    const widget = (
      await node.request({ method: 'POST', url: '/api/v1/widgets', token: u.apiKey, payload: { kind: 'mailing_list', title: 'Join my newsletter' } })
    ).body;
    const res = await node.request({ method: 'GET', url: `/${u.handle}`, headers: { 'user-agent': ANDROID } });
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/html/);
    const html = res.raw;
    assert.ok(html.includes('Ada &lt;Lovelace&gt;') && !html.includes('<Lovelace>'));
    assert.ok(html.includes('Poet of science.'));
    assert.ok(html.includes('src="https://img.example.com/ada.png"'));
    assert.ok(html.indexOf('>First<') < html.indexOf('>Second<'), 'links in position order');
    assert.ok(html.includes(`href="/l/mug-${u.handle}?src=profile"`));
    assert.ok(html.includes('https://img.example.com/mug.png'));
    assert.ok(html.includes(`value="${widget.id}"`) && html.includes(`action="/${u.handle}/subscribe"`));
    assert.ok(!/<script/i.test(html), 'no client JavaScript');
    assert.ok(html.includes('--bg:#ff9a62'), 'the sunset theme');
  });

  it('a visit emits profile.visit with device, browser, referer, UTM; bots and unknown handles do not', async () => {
    const u = await node.signup();
    await node.request({
      method: 'GET',
      url: `/${u.handle}?utm_source=instagram&utm_content=bio`,
      headers: { 'user-agent': ANDROID, referer: 'https://l.instagram.com/?u=abc' },
    });
    await node.request({
      method: 'GET',
      url: `/${u.handle}`,
      headers: { 'user-agent': 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)' },
    });
    const visits = await events(node, u.apiKey, 'profile.visit');
    assert.equal(visits.length, 1);
    const { visitorId, ...data } = visits[0]!.data;
    assert.deepEqual(data, {
      profileCode: u.handle,
      referer: 'https://l.instagram.com/',
      country: null,
      city: null,
      device: 'mobile',
      browser: 'Chrome',
      os: 'Android',
      utm: { source: 'instagram', medium: null, campaign: null, term: null, content: 'bio' },
    });
    assert.match(visitorId, /^v_/);
    const missing = await node.request({ method: 'GET', url: '/nobody-here', headers: { 'user-agent': ANDROID } });
    assert.equal(missing.status, 404);
    assert.match(missing.headers['content-type'], /^text\/html/);
  });

  it("the owner's dashboard preview (?preview=1 with their session) is not a visit; anyone else's is", async () => {
    const owner = await node.signup({ password: 'owner passphrase 1' });
    const login = await node.request({ method: 'POST', url: '/api/v1/login', payload: { email: owner.email, password: 'owner passphrase 1' } });
    const session = /lw_session=([^;]+)/.exec(([] as string[]).concat(login.headers['set-cookie']).join(';'))![1];
    const preview = await node.request({
      method: 'GET',
      url: `/${owner.handle}?preview=1`,
      headers: { 'user-agent': ANDROID, cookie: `lw_session=${session}` },
    });
    assert.equal(preview.status, 200);
    assert.equal((await events(node, owner.apiKey, 'profile.visit')).length, 0);
    await node.request({ method: 'GET', url: `/${owner.handle}?preview=1`, headers: { 'user-agent': ANDROID } });
    assert.equal((await events(node, owner.apiKey, 'profile.visit')).length, 1, 'a visitor without the session is counted');
  });

  it('country comes from proxy headers only when LINKWIRE_TRUST_PROXY=1', async () => {
    const u = await node.signup();
    await node.request({ method: 'GET', url: `/${u.handle}`, headers: { 'user-agent': ANDROID, 'cf-ipcountry': 'JP' } });
    const [visit] = await events(node, u.apiKey, 'profile.visit');
    assert.equal(visit!.data.country, null, 'not trusted by default');
  });

  it('static routes win over /{handle}', async () => {
    const health = await node.request({ method: 'GET', url: '/healthz' });
    assert.deepEqual(health.body, { status: 'ok' });
    const api = await node.request({ method: 'GET', url: '/api/v1/links' });
    assert.equal(api.status, 401);
  });

  it('subscribe (JSON): validated, idempotent for duplicates, emits subscriber.new once, listed and exported', async () => {
    const u = await node.signup();
    const widget = (
      await node.request({ method: 'POST', url: '/api/v1/widgets', token: u.apiKey, payload: { kind: 'mailing_list', title: 'News', campaignId: 'spring' } })
    ).body;
    assert.deepEqual(Object.keys(widget).sort(), ['campaignId', 'createdAt', 'id', 'kind', 'title', 'url']);
    const sub = (email: string, headers = {}) =>
      node.request({
        method: 'POST',
        url: `/${u.handle}/subscribe`,
        payload: { widgetId: widget.id, email },
        headers: { 'x-forwarded-for': '10.0.0.1', ...headers },
      });
    const first = await sub('Fan@Example.com');
    assert.equal(first.status, 201);
    assert.equal(first.body.email, 'fan@example.com');
    const again = await sub('fan@example.com');
    assert.equal(again.status, 200);
    assert.equal(again.body.id, first.body.id);
    const bad = await sub('not-an-email');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].field, 'email');
    const news = await events(node, u.apiKey, 'subscriber.new');
    assert.equal(news.length, 1);
    assert.deepEqual(news[0]!.data, {
      profileCode: u.handle,
      subscriberId: first.body.id,
      email: 'fan@example.com',
      campaignId: 'spring',
      widgetId: widget.id,
      widgetTitle: 'News',
    });
    const list = await node.request({ method: 'GET', url: '/api/v1/subscribers', token: u.apiKey });
    assert.deepEqual(list.body, {
      data: [{ id: first.body.id, email: 'fan@example.com', widgetId: widget.id, campaignId: 'spring', createdAt: first.body.createdAt }],
      nextCursor: null,
    });
    const csv = await node.request({ method: 'GET', url: '/api/v1/subscribers.csv', token: u.apiKey });
    assert.match(csv.headers['content-type'], /^text\/csv/);
    assert.match(csv.headers['content-disposition'], /attachment/);
    assert.equal(csv.raw, `id,email,widget_id,campaign_id,created_at\r\n${first.body.id},fan@example.com,${widget.id},spring,${first.body.createdAt}\r\n`);
    const widgets = await node.request({ method: 'GET', url: '/api/v1/widgets', token: u.apiKey });
    assert.equal(widgets.body.data.length, 1);
    const unknown = await node.request({ method: 'POST', url: `/${u.handle}/subscribe`, payload: { widgetId: 'wdg_nope', email: 'a@example.com' } });
    assert.equal(unknown.status, 404);
    assert.equal((await node.request({ method: 'DELETE', url: `/api/v1/widgets/${widget.id}`, token: u.apiKey })).status, 204);
  });

  it('the CSV export streams every subscriber in id order across pages, RFC 4180-quoted with the formula guard', async () => {
    const u = await node.signup();
    const widget = (await node.request({ method: 'POST', url: '/api/v1/widgets', token: u.apiKey, payload: { kind: 'mailing_list', title: 'Big' } })).body;
    const tricky = ['=1+1@example.com', '+x@example.com', '-x@example.com', '@x@example.com', 'a"b,c@example.com'];
    const at = Date.parse('2026-03-25T14:00:00Z');
    // 2 600 rows: three database pages of 1 000 and about 250 KiB, several 64 KiB chunks.
    const rows = Array.from({ length: 2600 }, (_, i) => ({
      id: newId('sub'),
      accountId: u.accountId,
      widgetId: widget.id,
      campaignId: i % 2 ? 'spring' : null,
      email: tricky[i] ?? `fan${i}@example.com`,
      createdAt: at + i,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await node.ctx.db
        .insertInto('subscribers')
        .values(rows.slice(i, i + 500))
        .execute();
    const csv = await node.request({ method: 'GET', url: '/api/v1/subscribers.csv', token: u.apiKey });
    assert.equal(csv.status, 200);
    assert.equal(csv.headers['content-length'], undefined, 'streamed, not sent as one buffer');
    assert.ok(csv.raw.endsWith('\r\n'));
    const lines = csv.raw.slice(0, -2).split('\r\n');
    assert.equal(lines.length, 2601);
    assert.equal(lines[0], 'id,email,widget_id,campaign_id,created_at');
    const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',')[0]),
      sorted.map((r) => r.id),
    );
    const byId = new Map(lines.slice(1).map((l) => [l.slice(0, l.indexOf(',')), l]));
    const line = (i: number) => byId.get(rows[i]!.id);
    assert.equal(line(0), `${rows[0]!.id},'=1+1@example.com,${widget.id},,2026-03-25T14:00:00.000Z`);
    assert.equal(line(1), `${rows[1]!.id},'+x@example.com,${widget.id},spring,2026-03-25T14:00:00.001Z`);
    assert.equal(line(2), `${rows[2]!.id},'-x@example.com,${widget.id},,2026-03-25T14:00:00.002Z`);
    assert.equal(line(3), `${rows[3]!.id},'@x@example.com,${widget.id},spring,2026-03-25T14:00:00.003Z`);
    assert.equal(line(4), `${rows[4]!.id},"a""b,c@example.com",${widget.id},,2026-03-25T14:00:00.004Z`);
    assert.equal(line(2599), `${rows[2599]!.id},fan2599@example.com,${widget.id},spring,2026-03-25T14:00:02.599Z`);
    // Another account's export is its own (empty) list.
    const other = await node.signup();
    const empty = await node.request({ method: 'GET', url: '/api/v1/subscribers.csv', token: other.apiKey });
    assert.equal(empty.raw, 'id,email,widget_id,campaign_id,created_at\r\n');
  });

  it('subscribe (form): redirects back with a thank-you message; sign-ups are rate-limited per client and widget', async () => {
    const u = await node.signup();
    const widget = (await node.request({ method: 'POST', url: '/api/v1/widgets', token: u.apiKey, payload: { kind: 'mailing_list', title: 'News' } })).body;
    const form = (email: string) =>
      node.request({
        method: 'POST',
        url: `/${u.handle}/subscribe`,
        payload: `widgetId=${widget.id}&email=${encodeURIComponent(email)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': ANDROID },
      });
    const ok = await form('one@example.com');
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.location, `/${u.handle}?subscribed=ok&w=${widget.id}#w-${widget.id}`);
    const back = await node.request({ method: 'GET', url: ok.headers.location, headers: { 'user-agent': ANDROID } });
    assert.match(back.raw, /Thanks! You are subscribed\./);
    assert.equal((await events(node, u.apiKey, 'profile.visit')).length, 0, 'the redirect back is not a new visit');
    // An invalid address is refused before it counts against the 5-a-minute limit.
    assert.match((await form('nope')).headers.location, /subscribed=invalid_email/);
    for (let i = 0; i < 4; i++) assert.match((await form(`n${i}@example.com`)).headers.location, /subscribed=ok/);
    assert.match((await form('six@example.com')).headers.location, /subscribed=rate_limited/);
    const json = await node.request({ method: 'POST', url: `/${u.handle}/subscribe`, payload: { widgetId: widget.id, email: 'seven@example.com' } });
    assert.equal(json.status, 429);
    assert.ok(Number(json.headers['retry-after']) > 0);
    assert.match(json.headers['content-type'], /^application\/problem\+json/);
    assert.equal(json.body.limit, 'subscribe');
    assert.equal((await events(node, u.apiKey, 'subscriber.new')).length, 5);
  });

  it("a URL with a malformed percent-escape is a 400 problem+json, not Fastify's own JSON", async () => {
    for (const url of ['/l/%E0%A4%A', '/api/v1/links/%E0%A4%A']) {
      const res = await node.request({ method: 'GET', url });
      assert.equal(res.status, 400, url);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      assert.equal(res.body.type.endsWith('/bad_url'), true);
    }
  });
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect, suiteNode } from './helpers.js';

const PROBLEM = 'application/problem+json; charset=utf-8';

describeEachDialect('accounts and access', (dialect) => {
  const node = suiteNode(dialect);

  it('signs up: 201 with the account, an API key and session cookies', async () => {
    const res = await node.request({
      method: 'POST',
      url: '/api/v1/signup',
      payload: { email: 'Ada@Example.com', password: 'correct horse battery', handle: 'ada' },
    });
    assert.equal(res.status, 201);
    assert.match(res.body.account.id, /^acc_/);
    assert.equal(res.body.account.email, 'ada@example.com');
    assert.equal(res.body.account.handle, 'ada');
    assert.equal(res.body.account.plan, 'pro');
    assert.match(res.body.apiKey, /^lw_[0-9A-Za-z]{32}$/);
    const cookies = String(res.headers['set-cookie']);
    assert.match(cookies, /lw_session=[^;]+;.*HttpOnly/);
    assert.match(cookies, /lw_csrf=/);
    // Stored hashed: neither the password nor the key appear in the database.
    const row = await node.ctx.db.selectFrom('accounts').select('passwordHash').where('id', '=', res.body.account.id).executeTakeFirstOrThrow();
    assert.match(row.passwordHash, /^scrypt\$/);
    const keys = await node.ctx.db.selectFrom('apiKeys').selectAll().where('accountId', '=', res.body.account.id).execute();
    assert.equal(keys.length, 1);
    assert.notEqual(keys[0]!.keyHash, res.body.apiKey);
    assert.equal(keys[0]!.prefix, res.body.apiKey.slice(0, 11));
  });

  it('rejects a duplicate email or handle with 409 naming the field', async () => {
    const dupEmail = await node.request({
      method: 'POST',
      url: '/api/v1/signup',
      payload: { email: 'ada@example.com', password: 'correct horse battery', handle: 'ada2' },
    });
    assert.equal(dupEmail.status, 409);
    assert.equal(dupEmail.headers['content-type'], PROBLEM);
    assert.equal(dupEmail.body.errors[0].field, 'email');
    const dupHandle = await node.request({
      method: 'POST',
      url: '/api/v1/signup',
      payload: { email: 'other@example.com', password: 'correct horse battery', handle: 'ada' },
    });
    assert.equal(dupHandle.status, 409);
    assert.equal(dupHandle.body.errors[0].field, 'handle');
  });

  it('rejects weak or missing passwords, bad and reserved handles, unknown fields', async () => {
    const weak = await node.request({ method: 'POST', url: '/api/v1/signup', payload: { email: 'w@example.com', password: 'short', handle: 'weakling' } });
    assert.equal(weak.status, 400);
    assert.deepEqual(
      weak.body.errors.map((e: any) => e.field),
      ['password'],
    );
    assert.match(weak.body.errors[0].message, /at least 10/);

    const missing = await node.request({ method: 'POST', url: '/api/v1/signup', payload: { email: 'm@example.com', handle: 'missing' } });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.errors[0].field, 'password');

    const reserved = await node.request({
      method: 'POST',
      url: '/api/v1/signup',
      payload: { email: 'r@example.com', password: 'correct horse battery', handle: 'dashboard' },
    });
    assert.equal(reserved.status, 400);
    assert.match(reserved.body.errors[0].message, /reserved/);

    const badHandle = await node.request({
      method: 'POST',
      url: '/api/v1/signup',
      payload: { email: 'b@example.com', password: 'correct horse battery', handle: 'Bad Handle!' },
    });
    assert.equal(badHandle.status, 400);
    assert.equal(badHandle.body.errors[0].field, 'handle');

    const unknown = await node.request({
      method: 'POST',
      url: '/api/v1/signup',
      payload: { email: 'u@example.com', password: 'correct horse battery', handle: 'unknownf', isAdmin: true },
    });
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.body.errors, [{ field: 'isAdmin', message: 'is not a known field' }]);
  });

  it('answers malformed JSON with 400 and oversized bodies with 413, as problem+json', async () => {
    const bad = await node.request({ method: 'POST', url: '/api/v1/signup', payload: '{"email": "x@y.z",', headers: { 'content-type': 'application/json' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers['content-type'], PROBLEM);
    assert.equal(bad.body.type, 'https://linkwire.dev/problems/malformed_json');
    const huge = await node.request({
      method: 'POST',
      url: '/api/v1/signup',
      payload: JSON.stringify({ email: 'x'.repeat(70_000) }),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(huge.status, 413);
    assert.equal(huge.headers['content-type'], PROBLEM);
    assert.doesNotMatch(huge.raw, /at .*\.js/); // no stack trace
  });

  it('authenticates with the API key; unknown or revoked keys get 401', async () => {
    const u = await node.signup();
    const ok = await node.request({ method: 'GET', url: '/api/v1/account', token: u.apiKey });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.id, u.accountId);
    assert.deepEqual(ok.body.limits, { endpoints: 3, deliveries24h: 1000, testSends1h: 10, seats: 5 });
    assert.equal(ok.body.role, 'owner');

    const none = await node.request({ method: 'GET', url: '/api/v1/account' });
    assert.equal(none.status, 401);
    const unknown = await node.request({ method: 'GET', url: '/api/v1/account', token: `lw_${'x'.repeat(32)}` });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.headers['content-type'], PROBLEM);

    const created = await node.request({ method: 'POST', url: '/api/v1/api-keys', token: u.apiKey, payload: { name: 'CI' } });
    assert.equal(created.status, 201);
    assert.match(created.body.key, /^lw_/);
    const list = await node.request({ method: 'GET', url: '/api/v1/api-keys', token: u.apiKey });
    assert.equal(list.body.data.length, 2);
    assert.ok(list.body.data.every((k: any) => !('key' in k) && !('keyHash' in k)));
    const revoke = await node.request({ method: 'DELETE', url: `/api/v1/api-keys/${created.body.id}`, token: u.apiKey });
    assert.equal(revoke.status, 204);
    const revoked = await node.request({ method: 'GET', url: '/api/v1/account', token: created.body.key });
    assert.equal(revoked.status, 401);
    // Emits api.key_created for both keys (sign-up's default key and this one).
    const events = await node.request({ method: 'GET', url: '/api/v1/events?type=api.key_created', token: u.apiKey });
    assert.deepEqual(
      events.body.data.map((e: any) => e.data.name),
      ['Default', 'CI'],
    );
  });

  it('logs in with a session cookie; writes need the CSRF header', async () => {
    const u = await node.signup({ password: 'a much longer passphrase' });
    const res = await node.request({ method: 'POST', url: '/api/v1/login', payload: { email: u.email, password: 'a much longer passphrase' } });
    assert.equal(res.status, 200);
    const cookies = ([] as string[]).concat(res.headers['set-cookie']);
    const session = /lw_session=([^;]+)/.exec(cookies.join(';'))![1]!;
    const csrf = /lw_csrf=([^;]+)/.exec(cookies.join(';'))![1]!;
    const cookie = `lw_session=${session}; lw_csrf=${csrf}`;
    const me = await node.request({ method: 'GET', url: '/api/v1/account', headers: { cookie } });
    assert.equal(me.status, 200);
    const noCsrf = await node.request({ method: 'POST', url: '/api/v1/api-keys', headers: { cookie }, payload: { name: 'x' } });
    assert.equal(noCsrf.status, 403);
    const withCsrf = await node.request({ method: 'POST', url: '/api/v1/api-keys', headers: { cookie, 'x-csrf-token': csrf }, payload: { name: 'x' } });
    assert.equal(withCsrf.status, 201);
    const logout = await node.request({ method: 'POST', url: '/api/v1/logout', headers: { cookie } });
    assert.equal(logout.status, 204);
    const after = await node.request({ method: 'GET', url: '/api/v1/account', headers: { cookie } });
    assert.equal(after.status, 401);
  });

  it('a wrong password is 401 and emits security.login_failed; repeated failures are rate-limited', async () => {
    const u = await node.signup();
    const wrong = await node.request({ method: 'POST', url: '/api/v1/login', payload: { email: u.email, password: 'not the password' } });
    assert.equal(wrong.status, 401);
    const events = await node.request({ method: 'GET', url: '/api/v1/events?type=security.login_failed', token: u.apiKey });
    assert.equal(events.body.data.length, 1);
    assert.deepEqual(events.body.data[0].data, { email: u.email, reason: 'wrong_password', country: null });
    assert.doesNotMatch(JSON.stringify(events.body), /127\.0\.0\.1/);
    for (let i = 0; i < 9; i++) await node.request({ method: 'POST', url: '/api/v1/login', payload: { email: u.email, password: 'not the password' } });
    const limited = await node.request({ method: 'POST', url: '/api/v1/login', payload: { email: u.email, password: 'correct horse battery' } });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    const unknownEmail = await node.request({ method: 'POST', url: '/api/v1/login', payload: { email: 'nobody@example.com', password: 'whatever it is' } });
    assert.equal(unknownEmail.status, 401);
  });

  it('serves /healthz and /metrics', async () => {
    const health = await node.request({ method: 'GET', url: '/healthz' });
    assert.equal(health.status, 200);
    assert.deepEqual(health.body, { status: 'ok' });
    const metrics = await node.request({ method: 'GET', url: '/metrics' });
    assert.equal(metrics.status, 200);
    assert.match(metrics.raw, /linkwire_http_request_duration_seconds/);
  });
});

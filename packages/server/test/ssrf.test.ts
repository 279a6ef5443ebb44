import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Agent, request } from 'undici';
import { checkTargetUrl, createGuardedConnector, createGuardedLookup, type Resolver, SsrfBlockedError, targetPolicy } from '../src/lib/ssrf.js';
import { BLOCKED_URLS } from './ssrf-forms.js';

const strict = targetPolicy({ dev: false, allowPrivateTargets: [] });
const dev = targetPolicy({ dev: true, allowPrivateTargets: [] });
const noNetwork: Resolver = async (host) => {
  throw Object.assign(new Error(`no DNS in tests (${host})`), { code: 'ENOTFOUND' });
};

function lookupOnce(lookup: ReturnType<typeof createGuardedLookup>, host: string, options: object): Promise<{ err: any; args: unknown[] }> {
  return new Promise((resolve) => {
    (lookup as any)(host, options, (err: unknown, ...args: unknown[]) => resolve({ err, args }));
  });
}

describe('SSRF guard: creation-time URL check', () => {
  for (const url of BLOCKED_URLS) {
    it(`refuses ${url}`, async () => {
      const res = await checkTargetUrl(url, strict, noNetwork);
      assert.equal(res.ok, false);
      assert.equal(!res.ok && res.field, 'url');
      assert.match(!res.ok ? res.reason : '', /may not reach/);
    });
  }

  it('accepts public addresses, including public IPv4 behind an IPv4-mapped or 6to4 prefix', async () => {
    for (const url of ['https://8.8.8.8/hook', 'https://[2606:4700:4700::1111]/', 'https://[::ffff:8.8.8.8]/', 'https://[2002:808:808::1]/']) {
      assert.deepEqual(await checkTargetUrl(url, strict, noNetwork), { ok: true }, url);
    }
  });

  it('names the normalised address and its range in the reason', async () => {
    const res = await checkTargetUrl('https://0x7f.1/', strict, noNetwork);
    assert.equal(res.ok, false);
    assert.match(!res.ok ? res.reason : '', /127\.0\.0\.1, in 127\.0\.0\.0\/8 \(loopback\)/);
    const mapped = await checkTargetUrl('https://[64:ff9b::a9fe:a9fe]/', strict, noNetwork);
    assert.match(!mapped.ok ? mapped.reason : '', /NAT64.*169\.254\.169\.254.*link-local/);
  });

  it('requires https outside dev mode, refuses credentials and non-URLs', async () => {
    const http = await checkTargetUrl('http://8.8.8.8/', strict, noNetwork);
    assert.match(!http.ok ? http.reason : '', /https/);
    assert.equal((await checkTargetUrl('http://8.8.8.8/', dev, noNetwork)).ok, true);
    assert.equal((await checkTargetUrl('ftp://8.8.8.8/', dev, noNetwork)).ok, false);
    const creds = await checkTargetUrl('https://user:pass@8.8.8.8/', strict, noNetwork);
    assert.match(!creds.ok ? creds.reason : '', /credentials/);
    assert.equal((await checkTargetUrl('not a url', strict, noNetwork)).ok, false);
  });

  it('resolves hostnames and refuses when any address is blocked', async () => {
    const resolver: Resolver = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ];
    const res = await checkTargetUrl('https://hooks.example.com/x', strict, resolver);
    assert.equal(res.ok, false);
    assert.match(!res.ok ? res.reason : '', /resolves to 10\.0\.0\.7/);
    const publicOnly: Resolver = async () => [{ address: '93.184.215.14', family: 4 }];
    assert.deepEqual(await checkTargetUrl('https://hooks.example.com/x', strict, publicOnly), { ok: true });
    const unresolvable = await checkTargetUrl('https://nope.invalid/', strict, noNetwork);
    assert.match(!unresolvable.ok ? unresolvable.reason : '', /does not resolve/);
  });

  it('refuses localhost, *.localhost, *.local and *.internal by name, even if they resolve publicly', async () => {
    const publicAnswer: Resolver = async () => [{ address: '93.184.215.14', family: 4 }];
    for (const url of ['https://localhost/', 'https://app.localhost/', 'https://printer.local/', 'https://metadata.google.internal/', 'https://LOCALHOST./']) {
      const res = await checkTargetUrl(url, strict, publicAnswer);
      assert.equal(res.ok, false, url);
      assert.match(!res.ok ? res.reason : '', /private/);
    }
  });

  it('dev mode allows loopback (literal and localhost) but not private ranges', async () => {
    const loopback: Resolver = async () => [
      { address: '::1', family: 6 },
      { address: '127.0.0.1', family: 4 },
    ];
    assert.deepEqual(await checkTargetUrl('http://localhost:4000/hook', dev, loopback), { ok: true });
    assert.deepEqual(await checkTargetUrl('http://127.0.0.1:4000/hook', dev, noNetwork), { ok: true });
    assert.deepEqual(await checkTargetUrl('http://[::1]:4000/hook', dev, noNetwork), { ok: true });
    assert.equal((await checkTargetUrl('http://192.168.1.10/hook', dev, noNetwork)).ok, false);
  });

  it('LINKWIRE_ALLOW_PRIVATE_TARGETS CIDRs are allowed, v4 and v6, and nothing around them', async () => {
    const policy = targetPolicy({ dev: false, allowPrivateTargets: ['10.20.0.0/16', 'fd00:1::/32'] });
    assert.deepEqual(await checkTargetUrl('https://10.20.3.4/', policy, noNetwork), { ok: true });
    assert.deepEqual(await checkTargetUrl('https://[fd00:1::5]/', policy, noNetwork), { ok: true });
    assert.deepEqual(await checkTargetUrl('https://[::ffff:10.20.3.4]/', policy, noNetwork), { ok: true });
    assert.equal((await checkTargetUrl('https://10.21.0.1/', policy, noNetwork)).ok, false);
    assert.equal((await checkTargetUrl('https://[fd00:2::5]/', policy, noNetwork)).ok, false);
    const internal: Resolver = async () => [{ address: '10.20.0.9', family: 4 }];
    assert.deepEqual(await checkTargetUrl('https://crm.internal/', policy, internal), { ok: true });
  });
});

describe('SSRF guard: connect-time lookup', () => {
  it('refuses literal blocked IPs without DNS, with ESSRF naming the address and range', async () => {
    const lookup = createGuardedLookup(strict, noNetwork);
    for (const ip of ['127.0.0.1', '::1', '::ffff:7f00:1', '169.254.169.254', '[fd00::1]']) {
      const { err } = await lookupOnce(lookup, ip, {});
      assert.ok(err instanceof SsrfBlockedError, ip);
      assert.equal(err.code, 'ESSRF');
      assert.match(err.message, new RegExp(ip.replace(/[[\]]/g, '').replace(/\./g, '\\.')));
    }
  });

  it('refuses a hostname when any resolved address is blocked (injected resolver)', async () => {
    const lookup = createGuardedLookup(strict, async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '169.254.169.254', family: 4 },
    ]);
    const { err } = await lookupOnce(lookup, 'rebind.example.com', { all: true });
    assert.ok(err instanceof SsrfBlockedError);
    assert.match(err.message, /169\.254\.169\.254 \(resolved from rebind\.example\.com\).*169\.254\.0\.0\/16/);
  });

  it('refuses localhost through the system resolver', async () => {
    const { err } = await lookupOnce(createGuardedLookup(strict), 'localhost', { all: true });
    assert.ok(err instanceof SsrfBlockedError);
    assert.equal(err.code, 'ESSRF');
  });

  it('honours options.all and options.family for allowed addresses', async () => {
    const lookup = createGuardedLookup(strict, async () => [
      { address: '2606:4700:4700::1111', family: 6 },
      { address: '1.1.1.1', family: 4 },
    ]);
    const all = await lookupOnce(lookup, 'one.example', { all: true });
    assert.equal(all.err, null);
    assert.deepEqual(all.args[0], [
      { address: '2606:4700:4700::1111', family: 6 },
      { address: '1.1.1.1', family: 4 },
    ]);
    const single = await lookupOnce(lookup, 'one.example', { family: 4 });
    assert.deepEqual([single.err, ...single.args], [null, '1.1.1.1', 4]);
  });

  it('allows an allowed CIDR', async () => {
    const policy = targetPolicy({ dev: false, allowPrivateTargets: ['127.0.0.0/8'] });
    const { err, args } = await lookupOnce(createGuardedLookup(policy, noNetwork), '127.0.0.1', {});
    assert.deepEqual([err, ...args], [null, '127.0.0.1', 4]);
  });
});

describe('SSRF guard: real connections through undici', () => {
  let server: Server;
  let port: number;
  before(async () => {
    server = createServer((_req, res) => res.end('reached'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function get(url: string, dispatcher: Agent) {
    try {
      const res = await request(url, { dispatcher });
      return { status: res.statusCode, body: await res.body.text() };
    } finally {
      await dispatcher.close();
    }
  }

  it('connect: { lookup } refuses localhost outside dev mode, and reaches it with 127.0.0.0/8 allowed', async () => {
    await assert.rejects(
      get(`http://localhost:${port}/`, new Agent({ connect: { lookup: createGuardedLookup(strict) } })),
      (err: any) => err instanceof SsrfBlockedError && err.code === 'ESSRF' && /127\.0\.0\.1 \(resolved from localhost\)/.test(err.message),
    );
    const allowLoopback = targetPolicy({ dev: false, allowPrivateTargets: ['127.0.0.0/8'] });
    // localhost may resolve to ::1 first; the receiver listens on 127.0.0.1, so ask for IPv4.
    const res = await get(`http://localhost:${port}/`, new Agent({ connect: { lookup: createGuardedLookup(allowLoopback), family: 4 } as any }));
    assert.deepEqual(res, { status: 200, body: 'reached' });
  });

  it('the guarded connector refuses 127.0.0.1 (a literal never reaches lookup) and reaches it when allowed or in dev mode', async () => {
    await assert.rejects(
      get(`http://127.0.0.1:${port}/`, new Agent({ connect: createGuardedConnector(strict) })),
      (err: any) => err instanceof SsrfBlockedError && err.code === 'ESSRF',
    );
    const allowLoopback = targetPolicy({ dev: false, allowPrivateTargets: ['127.0.0.0/8'] });
    assert.deepEqual(await get(`http://127.0.0.1:${port}/`, new Agent({ connect: createGuardedConnector(allowLoopback) })), { status: 200, body: 'reached' });
    assert.deepEqual(await get(`http://127.0.0.1:${port}/`, new Agent({ connect: createGuardedConnector(dev) })), { status: 200, body: 'reached' });
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { openGeoDatabase } from '../src/lib/geo.js';
import { createTestNode, describeEachDialect, type TestNode } from './helpers.js';

// A tiny MaxMind DB (format 2.0) written by hand: an IPv4 tree in which 203.0.113.0/24 maps to
// {country: {iso_code: "NZ"}, city: {names: {en: "Wellington"}}}. No npm package writes .mmdb
// files, and the format is small enough to encode here, so the real reader (maxmind) is tested on
// a real file.
function str(s: string): Buffer {
  const b = Buffer.from(s, 'utf8');
  return Buffer.concat([Buffer.from([(2 << 5) | b.length]), b]);
}
function uint(type: 5 | 6, value: number, bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  if (bytes > 0) out.writeUIntBE(value, 0, bytes);
  return Buffer.concat([Buffer.from([(type << 5) | bytes]), out]);
}
function map(entries: Array<[string, Buffer]>): Buffer {
  return Buffer.concat([Buffer.from([(7 << 5) | entries.length]), ...entries.flatMap(([k, v]) => [str(k), v])]);
}
function array(items: Buffer[]): Buffer {
  return Buffer.concat([Buffer.from([items.length, 11 - 7]), ...items]);
}
function uint64(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return Buffer.concat([Buffer.from([4, 9 - 7]), out]);
}

function writeMmdb(path: string) {
  const prefix = [203, 0, 113];
  const bits = prefix.flatMap((byte) => Array.from({ length: 8 }, (_, i) => (byte >> (7 - i)) & 1));
  const nodeCount = bits.length; // one node per bit of the /24 path
  const data = map([
    ['city', map([['names', map([['en', str('Wellington')]])]])],
    ['country', map([['iso_code', str('NZ')]])],
  ]);
  const tree = Buffer.alloc(nodeCount * 6);
  for (let n = 0; n < nodeCount; n++) {
    // Records: the path bit's side leads to the next node (or the data at the end); the other side is "no data" (= nodeCount).
    const onPath = n + 1 < nodeCount ? n + 1 : nodeCount + 16; // data at offset 0 of the data section
    const left = bits[n] === 0 ? onPath : nodeCount;
    const right = bits[n] === 1 ? onPath : nodeCount;
    tree.writeUIntBE(left, n * 6, 3);
    tree.writeUIntBE(right, n * 6 + 3, 3);
  }
  const metadata = map([
    ['binary_format_major_version', uint(5, 2, 1)],
    ['binary_format_minor_version', uint(5, 0, 0)],
    ['build_epoch', uint64(1_700_000_000)],
    ['database_type', str('Linkwire-Test-City')],
    ['description', map([['en', str('test')]])],
    ['ip_version', uint(5, 4, 1)],
    ['languages', array([str('en')])],
    ['node_count', uint(6, nodeCount, 4)],
    ['record_size', uint(5, 24, 1)],
  ]);
  writeFileSync(path, Buffer.concat([tree, Buffer.alloc(16), data, Buffer.from('abcdef4d61784d696e642e636f6d', 'hex'), metadata]));
}

const dir = mkdtempSync(join(tmpdir(), 'linkwire-geo-'));
const mmdb = join(dir, 'test-city.mmdb');
writeMmdb(mmdb);

it('reads country and city from a MaxMind database; unknown and invalid addresses are null', () => {
  const lookup = openGeoDatabase(mmdb);
  assert.deepEqual(lookup('203.0.113.9'), { country: 'NZ', city: 'Wellington' });
  assert.deepEqual(lookup('198.51.100.1'), { country: null, city: null });
  assert.deepEqual(lookup('not-an-ip'), { country: null, city: null });
});

it('a LINKWIRE_GEOIP_DB that cannot be opened stops the start with a clear message', () => {
  assert.throws(() => openGeoDatabase(join(dir, 'missing.mmdb')), /LINKWIRE_GEOIP_DB: cannot open the MaxMind database ".*missing\.mmdb"/);
});

describeEachDialect('country from LINKWIRE_GEOIP_DB', (dialect) => {
  let node: TestNode;
  before(async () => {
    node = await createTestNode(dialect, { LINKWIRE_GEOIP_DB: mmdb, LINKWIRE_TRUST_PROXY: '1' });
  });
  after(async () => {
    await node.close();
  });

  it('profile.visit and link.click carry the MaxMind country; a trusted proxy header wins', async () => {
    const u = await node.signup();
    const link = (await node.request({ method: 'POST', url: '/api/v1/links', token: u.apiKey, payload: { url: 'https://example.com', title: 'Geo' } })).body;
    const ua = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0' };
    await node.request({ method: 'GET', url: `/${u.handle}`, headers: { ...ua, 'x-forwarded-for': '203.0.113.9' } });
    await node.request({ method: 'GET', url: `/l/${link.slug}`, headers: { ...ua, 'x-forwarded-for': '203.0.113.10', 'cf-ipcountry': 'CA' } });
    const events = (await node.request({ method: 'GET', url: '/api/v1/events?limit=100', token: u.apiKey })).body.data;
    const visit = events.find((e: any) => e.type === 'profile.visit');
    const click = events.find((e: any) => e.type === 'link.click');
    assert.equal(visit.data.country, 'NZ');
    assert.equal(visit.data.city, 'Wellington');
    assert.equal(click.data.country, 'CA');
  });
});

process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

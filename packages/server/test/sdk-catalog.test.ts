import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { createSigner, EVENT_TYPES as SDK_EVENT_TYPES, type EventDataMap as SdkEventDataMap, verifyWebhook } from '@linkwire/webhooks';
import { z } from 'zod';
import { interfaceName, renderSdkEvents, SDK_EVENTS_PATH } from '../scripts/sdk-events.js';
import { DATA_SCHEMAS, DESCRIPTIONS, EVENT_TYPES, EXAMPLES, type EventData, type EventType } from '../src/events/catalog.js';
import { assertUpToDate } from './generated.js';

// The SDK (zero dependencies) gets its event types generated from the zod catalog
// (scripts/sdk-events.ts). These tests keep the two one catalog: the generated source must be
// current, and the SDK as built (what @linkwire/webhooks resolves to here, and what receivers
// install) must have the same event types and, checked by `npm run typecheck`, the same data types.

// Compile-time: for every event type, the server's z.output and the SDK's interface are assignable
// to each other. A renamed, added or retyped field, or a changed enum, makes `npm run typecheck` fail
// on this line (naming the event type) until `npm run gen:sdk-events` has regenerated and rebuilt
// the SDK.
type Mismatch<A, B> = [A] extends [B] ? ([B] extends [A] ? never : 'SDK type narrower') : 'SDK type wider or different';
type CatalogMismatches = { [T in EventType]: Mismatch<EventData<T>, SdkEventDataMap[T]> extends never ? never : T }[EventType];
const noMismatch: [CatalogMismatches] extends [never] ? true : CatalogMismatches = true;

it('packages/sdk/src/events.generated.ts is generated from the catalog and up to date (run `npm run gen:sdk-events`)', () => {
  assert.equal(noMismatch, true);
  assertUpToDate(SDK_EVENTS_PATH, renderSdkEvents(), {
    what: 'The SDK event types are stale:',
    fix: 'run `npm run gen:sdk-events` and commit the result.',
    sides: '- committed, + generated from the catalog',
  });
  const committed = readFileSync(SDK_EVENTS_PATH, 'utf8');
  assert.match(committed, /^\/\/ Generated from packages\/server\/src\/events\/catalog\.ts .* do not\n\/\/ edit; run `npm run gen:sdk-events`/);
  for (const type of EVENT_TYPES) assert.ok(committed.includes(`  '${type}': ${interfaceName(type)};\n`), `${type} is in EventDataMap`);
});

it('the SDK knows exactly the server catalog event types, in catalog order', () => {
  assert.deepEqual([...SDK_EVENT_TYPES], [...EVENT_TYPES]);
});

it('a renamed field in the zod catalog changes the generated SDK types (so the test above fails)', () => {
  const { linkId, ...rest } = DATA_SCHEMAS['link.click'].shape;
  const renamed = renderSdkEvents({
    types: EVENT_TYPES,
    descriptions: DESCRIPTIONS,
    schemas: { ...DATA_SCHEMAS, 'link.click': z.object({ ...rest, link_id: linkId }) },
  });
  assert.notEqual(renamed, readFileSync(SDK_EVENTS_PATH, 'utf8'));
  const block = (text: string) =>
    text.slice(text.indexOf('export interface LinkClickData {'), text.indexOf('}', text.indexOf('export interface LinkClickData {')));
  assert.match(block(renamed), /\n {2}link_id: string;\n/);
  assert.doesNotMatch(block(renamed), /linkId/);
  assert.match(block(renderSdkEvents()), /\n {2}linkId: string;\n/);
});

it('types follow the schemas: optional, nullable, enums, arrays, records, descriptions; unknown constructs stop generation', () => {
  const schemas = {
    ...DATA_SCHEMAS,
    'domain.verified': z.object({
      domain: z.string().describe('The host name */ verified'),
      records: z.array(z.enum(['TXT', 'CNAME'])),
      attempts: z.number().int().optional(),
      checkedAt: z.string().nullable(),
      labels: z.record(z.string(), z.string()),
    }),
  };
  const text = renderSdkEvents({ types: EVENT_TYPES, descriptions: DESCRIPTIONS, schemas });
  const start = text.indexOf('export interface DomainVerifiedData {');
  assert.equal(
    text.slice(start, text.indexOf('}\n', start) + 1),
    [
      'export interface DomainVerifiedData {',
      '  /** The host name *\\/ verified */',
      '  domain: string;',
      "  records: ('TXT' | 'CNAME')[];",
      '  attempts?: number;',
      '  checkedAt: string | null;',
      '  labels: Record<string, string>;',
      '}',
    ].join('\n'),
  );
  const tuple = { ...DATA_SCHEMAS, 'domain.verified': z.object({ domain: z.string(), pair: z.tuple([z.string(), z.number()]) }) };
  assert.throws(() => renderSdkEvents({ types: EVENT_TYPES, descriptions: DESCRIPTIONS, schemas: tuple }), /at domain\.verified\.pair/);
  const split = { ...DATA_SCHEMAS, 'account.downgraded': z.object({ fromPlan: z.string() }) };
  assert.throws(() => renderSdkEvents({ types: EVENT_TYPES, descriptions: DESCRIPTIONS, schemas: split }), /share PlanChangeData/);
});

it('an envelope the server builds verifies with the SDK and narrows by type', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const body = JSON.stringify({ id: 'evt_1', type: 'link.click', timestamp: new Date().toISOString(), accountId: 'acc_1', data: EXAMPLES['link.click'] });
  const ts = Math.floor(Date.now() / 1000);
  const signature = createSigner(secret)('evt_1', ts, body);
  const event = verifyWebhook(body, { 'webhook-id': 'evt_1', 'webhook-timestamp': String(ts), 'webhook-signature': signature }, secret);
  assert.equal(event.type, 'link.click');
  if (event.type === 'link.click') assert.equal(event.data.source, 'profile');
});

it("the SDK README's event table lists every event type with exactly its catalog fields", () => {
  const readme = readFileSync(new URL('../../sdk/README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Events'), readme.indexOf('## Frameworks'));
  const listed = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 4 || !cells[1]!.startsWith('`')) continue;
    const types = [...cells[1]!.matchAll(/`([a-z_]+\.[a-z_]+)`/g)].map((m) => m[1]!);
    const fields = cells[2]!
      .replace(/\(\+ `(\w+)`\)/, ', $1')
      .replace(/`/g, '')
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    for (const type of types) listed.set(type, fields);
  }
  assert.deepEqual([...listed.keys()].sort(), [...EVENT_TYPES].sort(), 'one row per event type');
  for (const type of EVENT_TYPES) {
    const fields = Object.keys(DATA_SCHEMAS[type].shape).sort();
    // A row shared by link.created and link.updated names link.updated's extra field as "(+ `changes`)".
    const expected = type === 'link.created' ? [...fields, 'changes'].sort() : fields;
    assert.deepEqual([...listed.get(type)!].sort(), expected, `${type}: packages/sdk/README.md lists the catalog's fields`);
  }
});

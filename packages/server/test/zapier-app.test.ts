import assert from 'node:assert/strict';
import { it } from 'node:test';
import { outputFields, renderZapierTriggers, sampleEnvelope, triggerKey, triggerLabel, ZAPIER_TRIGGERS_PATH } from '../scripts/zapier-app.js';
import { EVENT_TYPES, EXAMPLES } from '../src/events/catalog.js';
import { assertUpToDate } from './generated.js';

// The Zapier app's triggers (packages/zapier-app) are generated from the catalog; the app itself
// is tested against a real server in packages/zapier-app/test.

it('packages/zapier-app/src/triggers.generated.js is generated from the catalog and up to date (run `npm run gen:zapier`)', () => {
  assertUpToDate(ZAPIER_TRIGGERS_PATH, renderZapierTriggers(), {
    what: 'The Zapier triggers are stale:',
    fix: 'run `npm run gen:zapier` and commit the result.',
    sides: '- committed, + generated from the catalog',
  });
});

it('trigger keys and labels: identifiers Zapier accepts, one per type, readable labels', () => {
  const keys = EVENT_TYPES.map(triggerKey);
  assert.equal(new Set(keys).size, EVENT_TYPES.length);
  for (const key of keys) assert.match(key, /^[a-zA-Z]+[a-zA-Z0-9_]*$/);
  assert.equal(triggerLabel('link.click'), 'Link Click');
  assert.equal(triggerLabel('team.member_added'), 'Team Member Added');
  assert.equal(triggerLabel('qr.scanned'), 'QR Scanned');
});

it('output fields cover every field of every catalog example, nested objects flattened with __', () => {
  const flatKeys = (value: unknown, prefix: string): string[] =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value).flatMap(([k, v]) => flatKeys(v, `${prefix}__${k}`)) : [prefix];
  for (const type of EVENT_TYPES) {
    const keys = new Set(outputFields(type).map((f) => f.key));
    const sample = sampleEnvelope(type);
    assert.deepEqual(sample.data, EXAMPLES[type]);
    for (const key of ['id', 'type', 'timestamp', 'accountId']) assert.ok(keys.has(key), `${type}: ${key}`);
    // A null in an example may stand for an object (e.g. utm), listed by its children; a record
    // (e.g. link.updated's changes) has keys of its own, listed as the record.
    const covered = (key: string) => keys.has(key) || [...keys].some((k) => k.startsWith(`${key}__`) || key.startsWith(`${k}__`));
    for (const key of flatKeys(sample.data, 'data')) assert.ok(covered(key), `${type}: ${key}`);
  }
  const click = outputFields('link.click');
  assert.deepEqual(
    click.find((f) => f.key === 'data__linkId'),
    { key: 'data__linkId', label: 'Link ID', type: 'string' },
  );
});

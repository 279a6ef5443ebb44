import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { EVENT_TYPES } from '../src/events/catalog.js';
import { EVENTS_DOC_PATH, renderEventsDoc } from '../scripts/events-doc.js';
import { assertUpToDate } from './generated.js';

it('docs/events.md is generated from the catalog and up to date (run `npm run docs:events`)', () => {
  assertUpToDate(EVENTS_DOC_PATH, renderEventsDoc(), {
    what: 'The event reference is stale:',
    fix: 'run `npm run docs:events` and commit the result.',
    sides: '- committed, + generated from the catalog',
  });
  const committed = readFileSync(EVENTS_DOC_PATH, 'utf8');
  for (const type of EVENT_TYPES) assert.ok(committed.includes(`### ${type}\n`), `${type} is documented`);
});

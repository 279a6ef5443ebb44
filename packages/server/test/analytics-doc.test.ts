import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { ANALYTICS_DOC_PATH, renderAnalyticsDoc } from '../scripts/analytics-doc.js';
import { EVENT_TYPES } from '../src/events/catalog.js';
import { assertUpToDate } from './generated.js';

it('docs/analytics.md is generated from the sink mappings and up to date (run `npm run docs:analytics`)', () => {
  assertUpToDate(ANALYTICS_DOC_PATH, renderAnalyticsDoc(), {
    what: 'The analytics sink reference is stale:',
    fix: 'run `npm run docs:analytics` and commit the result.',
    sides: '- committed, + generated from the mappings',
  });
  const committed = readFileSync(ANALYTICS_DOC_PATH, 'utf8');
  for (const type of EVENT_TYPES) assert.ok(committed.includes(`| \`${type}\` | \`linkwire_${type.replace(/\./g, '_')}\` |`), `${type} is mapped`);
});

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createSigner, EVENT_TYPES as SDK_EVENT_TYPES, verifyWebhook } from '@linkwire/webhooks';
import { EVENT_TYPES, EXAMPLES } from '../src/events/catalog.js';

// The SDK ships its own copy of the catalog's types (it has zero dependencies): this test is what
// keeps the two from drifting.
it('the SDK knows exactly the server catalog event types', () => {
  assert.deepEqual([...SDK_EVENT_TYPES].sort(), [...EVENT_TYPES].sort());
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

import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEFAULT_DELIVERY_OPTIONS, deliveryOptionsFromEnv } from '../src/delivery/options.js';

it('delivery options: defaults, environment, and refusals that name the variable', () => {
  const defaults = deliveryOptionsFromEnv({});
  assert.equal(defaults.globalConcurrency, 512);
  assert.equal(defaults.endpointConcurrency, 64);
  assert.equal(defaults.senderThreads, null, 'null: chosen by the database (1 on SQLite, 0 on PostgreSQL)');
  assert.deepEqual(defaults, DEFAULT_DELIVERY_OPTIONS);

  const set = deliveryOptionsFromEnv({ LINKWIRE_SENDER_THREADS: '0', LINKWIRE_ENDPOINT_CONCURRENCY: '8', LINKWIRE_LEASE_MS: '2m' });
  assert.equal(set.senderThreads, 0);
  assert.equal(set.endpointConcurrency, 8);
  assert.equal(set.leaseMs, 120_000);
  assert.equal(deliveryOptionsFromEnv({ LINKWIRE_SENDER_THREADS: '2' }).senderThreads, 2);

  assert.throws(() => deliveryOptionsFromEnv({ LINKWIRE_SENDER_THREADS: '17' }), /LINKWIRE_SENDER_THREADS must be a whole number from 0 to 16 \(got "17"\)/);
  assert.throws(() => deliveryOptionsFromEnv({ LINKWIRE_SENDER_THREADS: 'two' }), /LINKWIRE_SENDER_THREADS/);
  assert.throws(() => deliveryOptionsFromEnv({ LINKWIRE_ENDPOINT_CONCURRENCY: '0' }), /LINKWIRE_ENDPOINT_CONCURRENCY must be a whole number ≥ 1/);
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';

describe('config', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    assert.equal(c.port, 3000);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.publicUrl, 'http://localhost:3000');
    assert.equal(c.role, 'all');
    assert.equal(c.dev, false);
    assert.equal(c.defaultPlan, 'pro');
    assert.deepEqual(c.retryScheduleMs, [10_000, 30_000, 120_000, 600_000, 3_600_000, 10_800_000, 28_800_000, 86_400_000]);
    assert.equal(c.disableAfterMs, 72 * 3_600_000);
    assert.equal(c.retentionDays, 30);
    assert.deepEqual(c.plans.pro, { endpoints: 3, deliveries24h: 1000, testSends1h: 10, integrationSubscriptions: 25, domains: 3, seats: 5 });
    assert.equal(c.plans.business.deliveries24h, null);
  });

  it('parses every variable', () => {
    const c = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      LINKWIRE_PUBLIC_URL: 'https://lnk.example.com/',
      DATABASE_URL: 'postgres://u:p@db/linkwire',
      LINKWIRE_ROLE: 'worker',
      LINKWIRE_DEV: '1',
      LINKWIRE_ALLOW_PRIVATE_TARGETS: '10.0.0.0/8, fd00::/8',
      LINKWIRE_SECRET_KEY: 'a'.repeat(64),
      LINKWIRE_RETRY_SCHEDULE: '100ms,1s',
      LINKWIRE_DISABLE_AFTER: '5m',
      LINKWIRE_TRUST_PROXY: 'true',
      LINKWIRE_RETENTION_DAYS: '7',
      LINKWIRE_PLAN_PRO_ENDPOINTS: '5',
      LINKWIRE_PLAN_PRO_DELIVERIES_24H: 'unlimited',
    });
    assert.equal(c.port, 8080);
    assert.equal(c.publicUrl, 'https://lnk.example.com');
    assert.equal(c.databaseUrl, 'postgres://u:p@db/linkwire');
    assert.equal(c.role, 'worker');
    assert.equal(c.dev, true);
    assert.deepEqual(c.allowPrivateTargets, ['10.0.0.0/8', 'fd00::/8']);
    assert.equal(c.secretKey?.length, 32);
    assert.deepEqual(c.retryScheduleMs, [100, 1000]);
    assert.equal(c.disableAfterMs, 300_000);
    assert.equal(c.trustProxy, true);
    assert.equal(c.plans.pro.endpoints, 5);
    assert.equal(c.plans.pro.deliveries24h, null);
  });

  it('names every bad variable and its rule', () => {
    assert.throws(
      () =>
        loadConfig({
          PORT: 'eighty',
          LINKWIRE_ROLE: 'boss',
          DATABASE_URL: 'mysql://x',
          LINKWIRE_RETRY_SCHEDULE: '10s,soon',
          LINKWIRE_ALLOW_PRIVATE_TARGETS: '10.0.0.0/99',
          LINKWIRE_SECRET_KEY: 'short',
          LINKWIRE_PLAN_PRO_ENDPOINTS: 'many',
        }),
      (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        const text = err.problems.join('\n');
        for (const name of [
          'PORT',
          'LINKWIRE_ROLE',
          'DATABASE_URL',
          'LINKWIRE_RETRY_SCHEDULE',
          'LINKWIRE_ALLOW_PRIVATE_TARGETS',
          'LINKWIRE_SECRET_KEY',
          'LINKWIRE_PLAN_PRO_ENDPOINTS',
        ]) {
          assert.match(text, new RegExp(name), `${name} should be named`);
        }
        return true;
      },
    );
  });
});

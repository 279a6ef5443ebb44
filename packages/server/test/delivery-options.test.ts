import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';
import { DEFAULT_DELIVERY_OPTIONS, defaultSenderThreads } from '../src/delivery/options.js';
import { POSTGRES_CAPABILITIES, SQLITE_CAPABILITIES } from '../src/db/capabilities.js';

// The delivery knobs are part of the one configuration: read by loadConfig with every other
// variable, refused at start-up whatever the role.

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.problems;
  }
  assert.fail('expected a ConfigError');
};

describe('delivery options', () => {
  it('defaults, and the sender threads chosen by the database when unset', () => {
    const { delivery } = loadConfig({});
    assert.deepEqual(delivery, DEFAULT_DELIVERY_OPTIONS);
    assert.equal(delivery.globalConcurrency, 512);
    assert.equal(delivery.endpointConcurrency, 64);
    assert.equal(delivery.senderThreads, null);
    assert.equal(defaultSenderThreads(SQLITE_CAPABILITIES), 1);
    assert.equal(defaultSenderThreads(POSTGRES_CAPABILITIES), 0);
    assert.deepEqual(loadConfig({ LINKWIRE_CLAIM_BATCH: '', LINKWIRE_LEASE_MS: '' }).delivery, DEFAULT_DELIVERY_OPTIONS, 'empty is unset');
  });

  it('reads every delivery variable (durations in ms or with a unit)', () => {
    const { delivery } = loadConfig({
      LINKWIRE_LEASE_MS: '2m',
      LINKWIRE_POLL_MS: '250',
      LINKWIRE_CLAIM_BATCH: '64',
      LINKWIRE_DELIVERY_CONCURRENCY: '128',
      LINKWIRE_ENDPOINT_CONCURRENCY: '8',
      LINKWIRE_SENDER_THREADS: '0',
    });
    assert.deepEqual(delivery, {
      ...DEFAULT_DELIVERY_OPTIONS,
      leaseMs: 120_000,
      pollMs: 250,
      claimBatch: 64,
      globalConcurrency: 128,
      endpointConcurrency: 8,
      senderThreads: 0,
    });
    assert.equal(loadConfig({ LINKWIRE_SENDER_THREADS: '16' }).delivery.senderThreads, 16);
    assert.equal(loadConfig({ LINKWIRE_POLL_MS: '1.5s' }).delivery.pollMs, 1_500);
  });

  it('a bad value is a ConfigError naming the variable and its rule, all of them at once', () => {
    assert.deepEqual(
      problems({
        LINKWIRE_LEASE_MS: 'soon',
        LINKWIRE_POLL_MS: '0',
        LINKWIRE_CLAIM_BATCH: '0',
        LINKWIRE_DELIVERY_CONCURRENCY: '1.5',
        LINKWIRE_ENDPOINT_CONCURRENCY: '-1',
        LINKWIRE_SENDER_THREADS: '17',
      }).sort(),
      [
        'LINKWIRE_LEASE_MS must be a duration in ms or such as 30s (got "soon")',
        'LINKWIRE_POLL_MS must be a duration in ms or such as 30s (got "0")',
        'LINKWIRE_CLAIM_BATCH must be a whole number ≥ 1 (got "0")',
        'LINKWIRE_DELIVERY_CONCURRENCY must be a whole number ≥ 1 (got "1.5")',
        'LINKWIRE_ENDPOINT_CONCURRENCY must be a whole number ≥ 1 (got "-1")',
        'LINKWIRE_SENDER_THREADS must be a whole number from 0 to 16 (got "17")',
      ].sort(),
    );
    assert.deepEqual(problems({ LINKWIRE_SENDER_THREADS: 'two', PORT: 'eighty' }).sort(), [
      'LINKWIRE_SENDER_THREADS must be a whole number from 0 to 16 (got "two")',
      'PORT must be an integer from 0 to 65535 (got "eighty")',
    ]);
  });

  it('stops `linkwire start` in every role before anything runs, naming the variable (exit 2)', async () => {
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    const dataDir = mkdtempSync(join(tmpdir(), 'linkwire-options-'));
    try {
      for (const role of ['all', 'api', 'worker']) {
        const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
          const child = execFile(
            process.execPath,
            ['--import', 'tsx', cli, 'start', '--role', role],
            { env: { ...process.env, LINKWIRE_DATA_DIR: dataDir, PORT: '0', LINKWIRE_CLAIM_BATCH: 'many' }, timeout: 30_000 },
            (_err, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
          );
        });
        assert.equal(code, 2, `${role}: ${stderr}`);
        assert.match(stderr, /Invalid configuration:\n {2}- LINKWIRE_CLAIM_BATCH must be a whole number ≥ 1 \(got "many"\)/, role);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

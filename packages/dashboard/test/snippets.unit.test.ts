// Runs the dashboard's receiver snippets for real (Node crypto and Python stdlib) and sends them
// Standard Webhooks requests signed by the reference `standardwebhooks` library.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { freePort, waitFor } from '@linkwire/test-kit';
import { transformSync } from 'esbuild';
import { Webhook } from 'standardwebhooks';
import { snippet } from '../src/snippets.ts';

const dir = mkdtempSync(join(tmpdir(), 'lw-snippets-'));
const secret = `whsec_${randomBytes(32).toString('base64')}`;
const endpoint = { url: 'https://hooks.example.com/linkwire/in', events: ['link.click'] };
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) c.kill();
});

// The Python snippet needs python3; without it that test is reported skipped (CI installs it).
const python3 = spawnSync('python3', ['--version']).status === 0;

/**
 * The snippets take PORT and print nothing, so the port is picked here (freePort). Up means the
 * snippet answers; a snippet that died (say, of EADDRINUSE) fails at once instead of after the wait.
 */
async function waitUp(child: ChildProcess, port: number): Promise<void> {
  await waitFor(`the receiver on port ${port}`, async () => {
    if (child.exitCode !== null) throw new Error(`the receiver on port ${port} exited (${child.exitCode})`);
    return fetch(`http://127.0.0.1:${port}/`).then(
      () => true,
      () => false,
    );
  });
}

function signed(body: string, opts: { secret?: string; timestamp?: Date } = {}) {
  const id = `evt_${randomBytes(8).toString('hex')}`;
  const ts = opts.timestamp ?? new Date();
  const signature = new Webhook(opts.secret ?? secret).sign(id, ts, body);
  return { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(Math.floor(ts.getTime() / 1000)), 'webhook-signature': signature };
}

async function exercise(port: number) {
  const body = JSON.stringify({ id: 'evt_1', type: 'link.click', timestamp: new Date().toISOString(), accountId: 'acc_1', data: { linkId: 'lnk_1' } });
  const url = `http://127.0.0.1:${port}/linkwire/in`;
  const ok = await fetch(url, { method: 'POST', headers: signed(body), body });
  assert.equal(ok.status, 204, 'a correctly signed delivery is accepted');
  // Rotation grace period: an unknown old signature next to the valid one still passes.
  const h = signed(body);
  const other = signed(body, { secret: `whsec_${randomBytes(32).toString('base64')}` });
  const rotated = await fetch(url, { method: 'POST', headers: { ...h, 'webhook-signature': `${other['webhook-signature']} ${h['webhook-signature']}` }, body });
  assert.equal(rotated.status, 204, 'one valid signature among several is enough');
  const tampered = await fetch(url, { method: 'POST', headers: signed(body), body: body.replace('lnk_1', 'lnk_2') });
  assert.equal(tampered.status, 400, 'a modified body is rejected');
  const wrongKey = await fetch(url, { method: 'POST', headers: other, body });
  assert.equal(wrongKey.status, 400, 'another secret is rejected');
  const old = await fetch(url, { method: 'POST', headers: signed(body, { timestamp: new Date(Date.now() - 10 * 60_000) }), body });
  assert.equal(old.status, 400, 'a 10-minute-old timestamp is rejected');
  const missing = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  assert.equal(missing.status, 400, 'missing headers are rejected');
}

describe('receiver snippets', () => {
  it('Node.js node:crypto snippet verifies real signatures', async () => {
    const file = join(dir, 'receiver.mjs');
    writeFileSync(file, snippet('node-crypto', endpoint));
    const port = await freePort();
    const child = spawn(process.execPath, [file], { env: { ...process.env, LINKWIRE_WEBHOOK_SECRET: secret, PORT: String(port) }, stdio: 'ignore' });
    children.push(child);
    await waitUp(child, port);
    await exercise(port);
  });

  it('Python standard-library snippet verifies real signatures', { skip: python3 ? undefined : 'python3 not installed' }, async () => {
    const file = join(dir, 'receiver.py');
    writeFileSync(file, snippet('python', endpoint));
    const port = await freePort();
    const child = spawn('python3', [file], { env: { ...process.env, LINKWIRE_WEBHOOK_SECRET: secret, PORT: String(port) }, stdio: 'ignore' });
    children.push(child);
    await waitUp(child, port);
    await exercise(port);
  });

  it('Node.js SDK snippet is valid JavaScript using express.raw and verifyWebhook on the endpoint path', () => {
    const code = snippet('node-sdk', endpoint);
    assert.doesNotThrow(() => transformSync(code, { loader: 'js', format: 'esm' }));
    assert.match(code, /import \{ verifyWebhook \} from '@linkwire\/webhooks'/);
    assert.match(code, /app\.post\("\/linkwire\/in", express\.raw\(\{ type: 'application\/json' \}\)/);
    assert.match(code, /verifyWebhook\(req\.body, req\.headers, secret\)/);
  });
});

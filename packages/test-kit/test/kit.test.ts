import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { findChromium } from '../src/browser.js';
import { freePort, listeningUrl, liveThreads, receiverPool, spawnNode, startReceiver, waitFor } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'linkwire-kit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for the server's CLI: listens where PORT/HOST say and logs the line a node logs. */
function fakeCli(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, body);
  return file;
}
const LISTENS = `
import { createServer } from 'node:http';
const server = createServer((_req, res) => res.end(process.env.PORT));
server.listen(Number(process.env.PORT), process.env.HOST, () => {
  console.error('starting up');
  const url = 'http://' + process.env.HOST + ':' + server.address().port;
  console.log(JSON.stringify({ level: 30, msg: 'linkwire listening', url, args: process.argv.slice(2), level_env: process.env.LOG_LEVEL }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

describe('waitFor', () => {
  it('returns the first truthy value of the check', async () => {
    let n = 0;
    assert.equal(await waitFor('n to reach 3', () => ++n >= 3 && n), 3);
  });

  it('names what it waited for when the time is up', async () => {
    await assert.rejects(
      waitFor('something that never happens', () => false, 50),
      /timed out waiting for something that never happens/,
    );
  });
});

describe('freePort', () => {
  it('returns a port this process can listen on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('receivers', () => {
  it('records each request (body as bytes and text) and answers with the current handler', async () => {
    const receiver = await startReceiver(undefined, { path: '/hooks/in' });
    try {
      assert.match(receiver.url, /^http:\/\/127\.0\.0\.1:\d+\/hooks\/in$/);
      const first = await fetch(receiver.url, { method: 'POST', headers: { 'x-a': '1' }, body: 'héllo' });
      assert.equal(await first.text(), 'ok');
      receiver.handle((_req, res) => {
        res.statusCode = 503;
        res.end('busy');
      });
      const second = await fetch(`${receiver.url}?n=2`, { method: 'POST', body: '' });
      assert.equal(second.status, 503);
      assert.deepEqual(
        receiver.requests.map((r) => [r.method, r.url, r.body, r.raw.length]),
        [
          ['POST', '/hooks/in', 'héllo', 6],
          ['POST', '/hooks/in?n=2', '', 0],
        ],
      );
      assert.equal(receiver.requests[0]!.headers['x-a'], '1');
    } finally {
      await receiver.close();
    }
  });

  it('a pool closes every receiver it started, including one with a request still open', async () => {
    const pool = receiverPool();
    const quiet = await pool.start(() => {});
    const plain = await pool.start();
    const hanging = fetch(quiet.url, { method: 'POST', body: 'x' }).catch((err: Error) => err);
    await waitFor('the request to arrive', () => quiet.requests.length === 1);
    await pool.close();
    assert.ok((await hanging) instanceof Error, 'the open request was cut');
    await assert.rejects(fetch(plain.url), /fetch failed/);
  });
});

describe('spawnNode', () => {
  it('starts the CLI with PORT=0 and takes its URL from its own "linkwire listening" line', async () => {
    const node = await spawnNode({ cli: fakeCli('listens.mjs', LISTENS), args: ['start', '--role', 'api'] });
    assert.match(node.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(await (await fetch(node.url)).text(), '0', 'the node was given PORT=0');
    assert.match(node.output(), /starting up/);
    assert.match(node.output(), /"args":\["start","--role","api"\]/);
    assert.match(node.output(), /"level_env":"info"/);
    assert.equal(await node.stop(), 0);
  });

  it('reads the line from the log file when the output goes to a file', async () => {
    const logFile = join(dir, 'node.log');
    const node = await spawnNode({ cli: fakeCli('listens-file.mjs', LISTENS), logFile, baseEnv: { PATH: process.env.PATH ?? '' } });
    assert.equal(await (await fetch(node.url)).text(), '0');
    assert.equal(await node.stop(), 0);
    assert.match(readFileSync(logFile, 'utf8'), /linkwire listening/);
    assert.equal(node.output(), readFileSync(logFile, 'utf8'));
  });

  it('fails with the output when the node exits before listening', async () => {
    const cli = fakeCli('dies.mjs', `console.error('EADDRINUSE somewhere'); process.exit(3);`);
    await assert.rejects(spawnNode({ cli }), /node exited \(3\) before it was listening:\nEADDRINUSE somewhere/);
  });

  it('fails, and kills the node, when it never logs the line', async () => {
    const pidFile = join(dir, 'silent.pid');
    const cli = fakeCli(
      'silent.mjs',
      `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); console.log('{"msg":"linkwire listening"}'); setInterval(() => {}, 1000);`,
    );
    await assert.rejects(spawnNode({ cli, timeoutMs: 500 }), /did not log "linkwire listening" within 500 ms/);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await waitFor(`process ${pid} gone`, () => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    });
  });

  it('refuses a LOG_LEVEL that hides the line', async () => {
    await assert.rejects(spawnNode({ cli: fakeCli('never.mjs', ''), env: { LOG_LEVEL: 'warn' } }), /LOG_LEVEL=warn would hide/);
  });
});

describe('listeningUrl', () => {
  it('takes the url of the listening line only', () => {
    assert.equal(listeningUrl('{"level":30,"msg":"linkwire listening","url":"http://127.0.0.1:4000"}'), 'http://127.0.0.1:4000');
    assert.equal(listeningUrl('{"msg":"linkwire listening"}'), null);
    assert.equal(listeningUrl('{"msg":"not linkwire listening","url":"http://x"}'), null);
    assert.equal(listeningUrl('linkwire listening on http://x'), null);
  });
});

describe('liveThreads', () => {
  it('counts a worker thread while it runs', async () => {
    const before = liveThreads();
    const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
    await new Promise((resolve) => worker.once('online', resolve));
    assert.equal(liveThreads(), before + 1);
    await worker.terminate();
    assert.equal(liveThreads(), before);
  });
});

describe('findChromium', () => {
  it('fails when CHROMIUM_PATH names nothing, instead of falling back', () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = join(dir, 'no-such-chromium');
    try {
      assert.throws(() => findChromium(), /CHROMIUM_PATH=.*no-such-chromium does not exist/);
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});

import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { freePort, waitFor } from '@linkwire/test-kit';
import { startTlsAsk, type TlsAskService } from '../src/domains/tls-ask.js';
import { describeEachDialect, suiteNode } from './helpers.js';

// On-demand TLS end to end, on loopback only: Debian's caddy (2.6, installed by .ci/run) with the
// Caddyfile of docs/domains.md asks /internal/tls/allow before issuing a certificate from its own
// local CA; curl --resolve connects to it under the domain's name. Without caddy (or curl) on the
// PATH the suite is reported skipped with the reason, as the PostgreSQL suites are without
// TEST_DATABASE_URL; any other failure to start caddy fails the suite at once, with caddy's output.

/** Why the suite cannot run here (a tool not installed), or undefined. */
function missingTool(): string | undefined {
  for (const [tool, args] of [
    ['caddy', ['version']],
    ['curl', ['--version']],
  ] as const) {
    const probe = spawnSync(tool, args, { stdio: 'ignore', timeout: 10_000 });
    if ((probe.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
      return `${tool} not installed (apt-get install ${tool}; CI installs it through .ci/run)`;
  }
  return undefined;
}
const skip = missingTool();

/** The Caddyfile of docs/domains.md, with loopback ports and a local CA (no ACME, no internet). */
function testCaddyfile(opts: { httpPort: number; httpsPort: number; askPort: number; appPort: number }): string {
  return `{
	admin off
	skip_install_trust
	local_certs
	http_port ${opts.httpPort}
	https_port ${opts.httpsPort}
	on_demand_tls {
		ask http://127.0.0.1:${opts.askPort}/internal/tls/allow
	}
}

https:// {
	tls {
		on_demand
	}
	reverse_proxy 127.0.0.1:${opts.appPort}
}
`;
}

/**
 * Runs caddy and resolves once its HTTPS port accepts connections. Rejects at once, with what caddy
 * wrote, when it cannot be spawned or exits before listening (a bad Caddyfile, a port taken…).
 */
async function startCaddy(caddyfile: string, dir: string, httpsPort: number): Promise<ChildProcess> {
  const child = spawn('caddy', ['run', '--config', caddyfile, '--adapter', 'caddyfile'], {
    env: { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let failure: Error | null = null;
  child.once('error', (err) => {
    failure = new Error(`could not start caddy: ${err.message}`);
  });
  child.once('exit', (code, signal) => {
    failure ??= new Error(`caddy exited (${signal ?? `code ${code}`}) before listening on ${httpsPort}; it wrote:\n${output}`);
  });
  const accepting = () =>
    new Promise<boolean>((resolve) => {
      const s = connect(httpsPort, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
  try {
    await waitFor('caddy listening', async () => {
      if (failure) throw failure;
      return accepting();
    });
  } catch (err) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    throw err === failure ? err : new Error(`${(err as Error).message}; caddy wrote:\n${output}`);
  }
  return child;
}

const curl = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('curl', ['-sS', '--max-time', '10', ...args], (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

describeEachDialect(
  'on-demand TLS through Caddy',
  (dialect) => {
    const node = suiteNode(dialect);
    let ask: TlsAskService;
    let caddy: ChildProcess | undefined;
    let dir = '';
    let httpsPort: number;
    before(async () => {
      ask = await startTlsAsk(node.ctx, 0);
      await node.app.listen({ port: 0, host: '127.0.0.1' });
      const appPort = (node.app.server.address() as { port: number }).port;
      httpsPort = await freePort();
      dir = mkdtempSync(join(tmpdir(), 'lw-caddy-'));
      writeFileSync(join(dir, 'Caddyfile'), testCaddyfile({ httpPort: await freePort(), httpsPort, askPort: ask.port, appPort }));
      caddy = await startCaddy(join(dir, 'Caddyfile'), dir, httpsPort);
    });
    after(async () => {
      if (caddy && caddy.exitCode === null && caddy.signalCode === null) {
        const exited = new Promise((resolve) => caddy!.once('exit', resolve));
        caddy.kill('SIGTERM');
        await exited;
      }
      await ask?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('completes a TLS handshake for a verified domain and refuses one for an unknown host', async () => {
      const u = await node.signup();
      const hostname = `tls${process.pid}.caddy-${dialect}.test`;
      const created = await node.request({ method: 'POST', url: '/api/v1/domains', token: u.apiKey, payload: { hostname } });
      assert.equal(created.status, 201, created.raw);
      await node.ctx.db.updateTable('domains').set({ status: 'verified' }).where('id', '=', created.body.id).execute();
      await node.ctx.hosts.reload(node.ctx.db);
      const link = await node.request({
        method: 'POST',
        url: '/api/v1/links',
        token: u.apiKey,
        payload: { url: 'https://example.com/tls', title: 'TLS', domain: hostname },
      });
      assert.equal(link.status, 201, link.raw);

      const ca = join(dir, 'data', 'caddy', 'pki', 'authorities', 'local', 'root.crt');
      const ok = await curl([
        '--resolve',
        `${hostname}:${httpsPort}:127.0.0.1`,
        '--cacert',
        ca,
        '-o',
        '/dev/null',
        '-w',
        '%{http_code} %{redirect_url}',
        `https://${hostname}:${httpsPort}/${link.body.slug}`,
      ]);
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(ok.stdout, '302 https://example.com/tls');

      const refused = await curl([
        '--resolve',
        `unknown.caddy-${dialect}.test:${httpsPort}:127.0.0.1`,
        '--cacert',
        ca,
        `https://unknown.caddy-${dialect}.test:${httpsPort}/`,
      ]);
      assert.equal(refused.code, 35, `a TLS handshake failure (curl 35), got ${refused.code}: ${refused.stderr}`);
      // Refused because the ask endpoint said no (not, say, a caddy error): caddy asked, we answered 403.
      const metrics = await node.request({ method: 'GET', url: '/metrics' });
      assert.match(metrics.raw, /linkwire_tls_ask_total\{result="allowed"\} [1-9]/);
      assert.match(metrics.raw, /linkwire_tls_ask_total\{result="denied"\} [1-9]/);
    });
  },
  { skip },
);

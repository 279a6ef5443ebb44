import assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
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
// local CA; curl --resolve connects to it under the domain's name.

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

const curl = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile('curl', ['-sS', '--max-time', '10', ...args], (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

describeEachDialect('on-demand TLS through Caddy', (dialect) => {
  const node = suiteNode(dialect);
  let ask: TlsAskService;
  let caddy: ChildProcess;
  let dir: string;
  let httpsPort: number;
  before(async () => {
    ask = await startTlsAsk(node.ctx, 0);
    await node.app.listen({ port: 0, host: '127.0.0.1' });
    const appPort = (node.app.server.address() as { port: number }).port;
    httpsPort = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'lw-caddy-'));
    writeFileSync(join(dir, 'Caddyfile'), testCaddyfile({ httpPort: await freePort(), httpsPort, askPort: ask.port, appPort }));
    caddy = spawn('caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], {
      env: { ...process.env, HOME: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') },
      stdio: 'ignore',
    });
    await waitFor(
      'caddy listening',
      () =>
        new Promise<boolean>((resolve) => {
          const s = connect(httpsPort, '127.0.0.1', () => {
            s.end();
            resolve(true);
          });
          s.on('error', () => resolve(false));
        }),
    );
  });
  after(async () => {
    caddy.kill('SIGTERM');
    await new Promise((resolve) => caddy.once('exit', resolve));
    await ask.stop();
    rmSync(dir, { recursive: true, force: true });
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
  });
});

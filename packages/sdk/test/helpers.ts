import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { signWebhook } from '../src/index.js';

export const SDK_DIR = fileURLToPath(new URL('..', import.meta.url));
export const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
export const NOW_S = 1_700_000_000;
export const NOW_MS = NOW_S * 1000;

export const sampleEvent = {
  id: 'evt_2Vb5example',
  type: 'link.click',
  timestamp: '2026-03-25T14:32:01.123Z',
  accountId: 'acc_123',
  data: {
    profileCode: 'ada',
    linkId: 'lnk_1',
    type: 'link',
    title: 'Blog',
    url: 'https://example.com/blog',
    slug: 'blog',
    referer: null,
    country: 'FR',
    city: null,
    device: 'mobile',
    browser: 'Firefox',
    os: 'Android',
    source: 'short_link',
    utm: { source: 'x', medium: null, campaign: null, term: null, content: null },
    visitorId: null,
  },
};
export const sampleBody = JSON.stringify(sampleEvent);

/** Headers of a correctly signed delivery; override any one field to break exactly that. */
export function signedHeaders({
  id = sampleEvent.id,
  timestamp = NOW_S,
  body = sampleBody as string | Uint8Array,
  secret = SECRET,
} = {}): Record<string, string> {
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook({ id, timestamp, body, secret }),
  };
}

/** Starts an example as its own process, resolving `@linkwire/webhooks/*` to the TypeScript sources. */
export async function startExample(file: string, env: Record<string, string>): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--conditions=@linkwire/source', '--import', 'tsx', file], {
    cwd: SDK_DIR,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

import { type Receiver, startReceiver } from '@linkwire/test-kit';

// A loopback Discord webhook (developers/resources/webhook.mdx, message.mdx): content ≤ 2000, at
// least one of content/embeds, ≤ 10 embeds, title 256, description 4096, ≤ 25 fields (256/1024),
// footer 2048, all embeds ≤ 6000 characters; 400 {code: 50035} otherwise. Unknown webhook answers
// 404 {code: 10015}; rate limiting answers 429 with a JSON retry_after (float s).

export type DiscordMode = 'ok' | 'unknown_webhook' | { rateLimitedFor: number };

export function discordVerdict(body: string): { status: number; body: unknown } {
  const invalid = (message: string) => ({ status: 400, body: { code: 50035, message: `Invalid Form Body: ${message}` } });
  let msg: any;
  try {
    msg = JSON.parse(body);
  } catch {
    return { status: 400, body: { code: 50109, message: 'The request body contains invalid JSON.' } };
  }
  if (typeof msg.content === 'string' && msg.content.length > 2000) return invalid('content');
  const embeds = msg.embeds ?? [];
  if (!msg.content && embeds.length === 0) return { status: 400, body: { code: 50006, message: 'Cannot send an empty message' } };
  if (embeds.length > 10) return invalid('embeds');
  let total = 0;
  for (const e of embeds) {
    const len = (s: unknown) => (typeof s === 'string' ? s.length : 0);
    if (len(e.title) > 256 || len(e.description) > 4096 || len(e.footer?.text) > 2048 || (e.fields ?? []).length > 25) return invalid('embed');
    for (const f of e.fields ?? []) if (len(f.name) > 256 || len(f.value) > 1024 || !f.name || !f.value) return invalid('embed field');
    total +=
      len(e.title) +
      len(e.description) +
      len(e.footer?.text) +
      len(e.author?.name) +
      (e.fields ?? []).reduce((s: number, f: any) => s + len(f.name) + len(f.value), 0);
  }
  if (total > 6000) return invalid('embeds total > 6000');
  return { status: 200, body: { id: '1', type: 0, content: msg.content ?? '' } };
}

export interface FakeDiscord extends Receiver {
  mode: DiscordMode;
  accepted: any[];
}

export async function startFakeDiscord(): Promise<FakeDiscord> {
  const fake = { mode: 'ok' as DiscordMode, accepted: [] as any[] } as FakeDiscord;
  const receiver = await startReceiver(
    (req, res) => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (fake.mode === 'unknown_webhook') return send(404, { message: 'Unknown Webhook', code: 10015 });
      if (typeof fake.mode === 'object') {
        const s = fake.mode.rateLimitedFor;
        return send(
          429,
          { message: 'You are being rate limited.', retry_after: s, global: false },
          { 'retry-after': String(Math.ceil(s)), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset-after': String(s) },
        );
      }
      if (!/[?&]wait=true/.test(req.url)) return send(400, { message: 'wait=true is required by this fake', code: 0 });
      const verdict = discordVerdict(req.body);
      if (verdict.status === 200) fake.accepted.push(JSON.parse(req.body));
      send(verdict.status, verdict.body);
    },
    { path: '/api/webhooks/123456/tokentoken' },
  );
  return Object.assign(fake, receiver, { mode: fake.mode });
}

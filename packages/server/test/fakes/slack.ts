import { type Receiver, startReceiver } from '@linkwire/test-kit';

// A loopback Slack incoming webhook enforcing what Slack documents: 400 invalid_payload for a body
// that is not a JSON object, 400 no_text without a top-level `text`, Block Kit limits (≤ 50 blocks,
// header ≤ 150, section text ≤ 3000, ≤ 10 fields of ≤ 2000), 200 "ok" otherwise. `mode` scripts the
// failures a test needs (429 with Retry-After, channel_not_found, channel_is_archived).

export type SlackMode = 'ok' | { status: number; body: string; retryAfter?: number };

export function slackVerdict(body: string): { status: number; body: string } {
  let msg: any;
  try {
    msg = JSON.parse(body);
  } catch {
    return { status: 400, body: 'invalid_payload' };
  }
  if (!msg || typeof msg !== 'object' || Array.isArray(msg)) return { status: 400, body: 'invalid_payload' };
  if (typeof msg.text !== 'string' || msg.text.length === 0) return { status: 400, body: 'no_text' };
  if (msg.text.length > 40_000) return { status: 400, body: 'invalid_payload' };
  const blocks = msg.blocks ?? [];
  if (!Array.isArray(blocks) || blocks.length > 50) return { status: 400, body: 'invalid_blocks' };
  for (const b of blocks) {
    if (b.type === 'header' && (b.text?.type !== 'plain_text' || typeof b.text.text !== 'string' || b.text.text.length > 150))
      return { status: 400, body: 'invalid_blocks' };
    if (b.type === 'section') {
      if (b.text && (typeof b.text.text !== 'string' || b.text.text.length > 3000)) return { status: 400, body: 'invalid_blocks' };
      if (b.fields && (b.fields.length > 10 || b.fields.some((f: any) => typeof f.text !== 'string' || f.text.length > 2000)))
        return { status: 400, body: 'invalid_blocks' };
    }
    if (b.type === 'context' && (!Array.isArray(b.elements) || b.elements.length > 10)) return { status: 400, body: 'invalid_blocks' };
  }
  return { status: 200, body: 'ok' };
}

export interface FakeSlack extends Receiver {
  mode: SlackMode;
  /** Messages Slack accepted (parsed). */
  accepted: any[];
  /** When each accepted message arrived (Date.now()), for rate checks. */
  acceptedAt: number[];
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const fake = { mode: 'ok' as SlackMode, accepted: [] as any[], acceptedAt: [] as number[] } as FakeSlack;
  const receiver = await startReceiver(
    (req, res) => {
      const mode = fake.mode;
      if (mode !== 'ok') {
        res.writeHead(mode.status, { 'content-type': 'text/plain', ...(mode.retryAfter ? { 'retry-after': String(mode.retryAfter) } : {}) });
        res.end(mode.body);
        return;
      }
      const verdict = slackVerdict(req.body);
      if (verdict.status === 200) {
        fake.accepted.push(JSON.parse(req.body));
        fake.acceptedAt.push(Date.now());
      }
      res.writeHead(verdict.status, { 'content-type': 'text/plain' });
      res.end(verdict.body);
    },
    { path: '/services/T0001/B0001/abcdefghijklmnopqrstuvwx' },
  );
  return Object.assign(fake, receiver, { mode: fake.mode });
}

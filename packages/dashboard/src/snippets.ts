// Ready-to-run receiver snippets for one endpoint. Each verifies the Standard Webhooks signature
// (`v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>`, key = base64-decoded part of whsec_…)
// on the raw body. The Node crypto and Python snippets are executed by test/snippets.unit.test.ts.

export type SnippetLang = 'node-sdk' | 'node-crypto' | 'python';

export interface SnippetTarget {
  url: string;
  events: string[];
}

function target(url: string): { path: string; port: number } {
  try {
    const u = new URL(url);
    const port = u.port ? Number(u.port) : 3000;
    return { path: u.pathname || '/', port: u.protocol === 'https:' && !u.port ? 3000 : port };
  } catch {
    return { path: '/webhooks/linkwire', port: 3000 };
  }
}

function firstEvent(events: string[]): string {
  return events.find((e) => e !== '*') ?? 'link.click';
}

export function snippet(lang: SnippetLang, ep: SnippetTarget): string {
  const { path, port } = target(ep.url);
  const ev = firstEvent(ep.events);
  const p = JSON.stringify(path);
  if (lang === 'node-sdk') {
    return `// npm install @linkwire/webhooks express
import express from 'express';
import { verifyWebhook } from '@linkwire/webhooks';

const secret = process.env.LINKWIRE_WEBHOOK_SECRET; // whsec_… (Secret section of this endpoint)
const app = express();

// express.raw keeps the exact bytes: the signature is computed over the raw body.
app.post(${p}, express.raw({ type: 'application/json' }), async (req, res) => {
  let event;
  try {
    event = await verifyWebhook(req.body, req.headers, secret);
  } catch (err) {
    // err.reason: missing_header, invalid_signature, timestamp_too_old, …
    return res.status(400).send(\`invalid webhook: \${err.reason ?? err.message}\`);
  }
  // event.id (= the webhook-id header) is identical on every retry: use it to deduplicate.
  if (event.type === ${JSON.stringify(ev)}) {
    console.log('received', event.type, event.data);
  }
  res.sendStatus(204); // any 2xx within the timeout is a success
});

app.listen(${port}, () => console.log('listening on :${port}'));
`;
  }
  if (lang === 'node-crypto') {
    return `// No dependencies: node:http + node:crypto (Node 18+).
import { createServer } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';

const secret = process.env.LINKWIRE_WEBHOOK_SECRET; // whsec_… (Secret section of this endpoint)
const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
const TOLERANCE_SECONDS = 300;

function verify(rawBody, headers) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) throw new Error('missing_header');
  const now = Math.floor(Date.now() / 1000);
  if (!/^\\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > TOLERANCE_SECONDS) throw new Error('invalid_timestamp');
  const expected = createHmac('sha256', key).update(\`\${id}.\${timestamp}.\`).update(rawBody).digest();
  // Several space-separated signatures are sent while a rotated secret is in its grace period.
  const ok = signatures.split(' ').some((sig) => {
    const [version, value] = sig.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!ok) throw new Error('invalid_signature');
  return JSON.parse(rawBody.toString('utf8'));
}

createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== ${p}) return res.writeHead(404).end();
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let event;
    try {
      event = verify(Buffer.concat(chunks), req.headers);
    } catch (err) {
      return res.writeHead(400).end(\`invalid webhook: \${err.message}\`);
    }
    // event.id is identical on every retry: use it to deduplicate.
    if (event.type === ${JSON.stringify(ev)}) console.log('received', event.type, event.data);
    res.writeHead(204).end();
  });
}).listen(Number(process.env.PORT ?? ${port}), () => console.log('listening'));
`;
  }
  return `# Python 3 standard library only.
import base64, hashlib, hmac, json, os, time
from http.server import BaseHTTPRequestHandler, HTTPServer

SECRET = os.environ["LINKWIRE_WEBHOOK_SECRET"]  # whsec_... (Secret section of this endpoint)
KEY = base64.b64decode(SECRET.removeprefix("whsec_"))
TOLERANCE_SECONDS = 300


def verify(raw_body: bytes, headers) -> dict:
    msg_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    signatures = headers.get("webhook-signature")
    if not msg_id or not timestamp or not signatures:
        raise ValueError("missing_header")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        raise ValueError("invalid_timestamp")
    signed = f"{msg_id}.{timestamp}.".encode() + raw_body
    expected = base64.b64encode(hmac.new(KEY, signed, hashlib.sha256).digest()).decode()
    # Several space-separated signatures are sent while a rotated secret is in its grace period.
    for sig in signatures.split(" "):
        version, _, value = sig.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return json.loads(raw_body)
    raise ValueError("invalid_signature")


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        if self.path != ${p}:
            self.send_response(404)
            self.end_headers()
            return
        raw = self.rfile.read(int(self.headers.get("content-length", 0)))
        try:
            event = verify(raw, self.headers)
        except ValueError as err:
            self.send_response(400)
            self.end_headers()
            self.wfile.write(f"invalid webhook: {err}".encode())
            return
        # event["id"] is identical on every retry: use it to deduplicate.
        if event["type"] == ${JSON.stringify(ev)}:
            print("received", event["type"], event["data"])
        self.send_response(204)
        self.end_headers()


HTTPServer(("0.0.0.0", int(os.environ.get("PORT", "${port}"))), Handler).serve_forever()
`;
}

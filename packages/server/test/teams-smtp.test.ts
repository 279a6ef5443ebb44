import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { waitFor } from '@linkwire/test-kit';
import { SMTPServer } from 'smtp-server';
import { createTestNode, type TestNode } from './helpers.js';

// With LINKWIRE_SMTP_URL the invite is mailed (nodemailer) to a real SMTP server on loopback.

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const received: Received[] = [];
let server: SMTPServer;
let node: TestNode;

before(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  node = await createTestNode('sqlite', { LINKWIRE_SMTP_URL: `smtp://127.0.0.1:${port}` });
});

after(async () => {
  await node?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

it('an invite is mailed with its one-time link; a resend mails the new link', async () => {
  const owner = await node.signup();
  const invite = await node.request({ method: 'POST', url: '/api/v1/invites', token: owner.apiKey, payload: { email: 'mailed@example.com', role: 'viewer' } });
  assert.equal(invite.status, 201);
  await waitFor('the invite mail', () => received.length === 1);
  assert.deepEqual(received[0]!.to, ['mailed@example.com']);
  assert.match(received[0]!.raw, new RegExp(`@${owner.handle}`));
  // Quoted-printable may fold the long link: compare without soft line breaks.
  const body = received[0]!.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  assert.ok(body.includes(invite.body.acceptUrl), 'the mail carries the accept link');

  const resent = await node.request({ method: 'POST', url: `/api/v1/invites/${invite.body.memberId}/resend`, token: owner.apiKey });
  await waitFor('the resent mail', () => received.length === 2);
  const second = received[1]!.raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  assert.ok(second.includes(resent.body.acceptUrl));
});

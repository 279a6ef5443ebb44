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
    // A mail server that refuses one recipient: the invite must stand anyway.
    onRcptTo(address, _session, callback) {
      if (address.address === 'refused@example.com') callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      else callback();
    },
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

it('a mail server that refuses the mail does not undo the invite: the response still carries the link, and it works', async () => {
  const owner = await node.signup();
  const invite = await node.request({ method: 'POST', url: '/api/v1/invites', token: owner.apiKey, payload: { email: 'refused@example.com', role: 'viewer' } });
  assert.equal(invite.status, 201, invite.raw);
  assert.match(invite.body.acceptUrl, /#token=/);
  assert.ok(!received.some((m) => m.to.includes('refused@example.com')));
  const token = new URL(invite.body.acceptUrl).hash.replace(/^#token=/, '');
  const accepted = await node.request({ method: 'POST', url: '/api/v1/invites/accept', payload: { token, password: 'correct horse battery' } });
  assert.equal(accepted.status, 200, accepted.raw);
});

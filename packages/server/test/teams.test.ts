import assert from 'node:assert/strict';
import { it } from 'node:test';
import { waitFor } from '@linkwire/test-kit';
import { recordAudit } from '../src/audit/record.js';
import { purgeAudit } from '../src/audit/retention.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { idTimePrefix } from '../src/lib/ids.js';
import { inTransaction } from '../src/db/transaction.js';
import { startInviteExpiry } from '../src/teams/expiry.js';
import { changeRole, dueInvites, expireInvite, expireInvites } from '../src/teams/service.js';
import { describeEachDialect, suiteNode, type TestNode } from './helpers.js';

const PASSWORD = 'correct horse battery';

/** A cookie session from a response's Set-Cookie headers, with its CSRF header for writes. */
function sessionOf(headers: Record<string, any>): { cookie: string; csrf: string } {
  const cookies = ([] as string[]).concat(headers['set-cookie']).join(';');
  const session = /lw_session=([^;]+)/.exec(cookies)![1]!;
  const csrf = /lw_csrf=([^;]+)/.exec(cookies)![1]!;
  return { cookie: `lw_session=${session}; lw_csrf=${csrf}`, csrf };
}

const tokenOf = (acceptUrl: string) => new URL(acceptUrl).hash.replace(/^#token=/, '');

// The invite and accept routes are rate-limited per client address (http/rate-limits.ts), and the
// suite's node lives for all its tests: each helper call speaks from an address of its own.
let clients = 0;
const client = () => `198.51.100.${(clients++ % 250) + 1}`;

async function eventsOf(node: TestNode, accountId: string, type: string) {
  const rows = await node.ctx.db.selectFrom('events').select('payload').where('accountId', '=', accountId).where('type', '=', type).orderBy('id').execute();
  return rows.map((r) => JSON.parse(r.payload).data);
}

/** Invites `email` as `role` and accepts with a new password; returns the member's session and id. */
/** Moves a pending invite's expiry into the past, as time passing would. */
async function expireNow(node: TestNode, memberId: string): Promise<void> {
  await node.ctx.db
    .updateTable('members')
    .set({ inviteExpiresAt: Date.now() - 1 })
    .where('id', '=', memberId)
    .execute();
}

async function join(node: TestNode, ownerKey: string, email: string, role: string) {
  const remoteAddress = client();
  const invite = await node.request({ method: 'POST', url: '/api/v1/invites', token: ownerKey, payload: { email, role }, remoteAddress });
  assert.equal(invite.status, 201, invite.raw);
  const accepted = await node.request({
    method: 'POST',
    url: '/api/v1/invites/accept',
    remoteAddress,
    payload: { token: tokenOf(invite.body.acceptUrl), password: PASSWORD },
  });
  assert.equal(accepted.status, 200, accepted.raw);
  return { memberId: accepted.body.memberId as string, ...sessionOf(accepted.headers) };
}

describeEachDialect('teams: invites, members, roles, workspaces, audit', (dialect) => {
  const node = suiteNode(dialect);

  it('invite → accept with a password: a session acting in the account with the invited role; events and audit rows', async () => {
    const owner = await node.signup();
    const invite = await node.request({ method: 'POST', url: '/api/v1/invites', token: owner.apiKey, payload: { email: 'Grace@Example.com', role: 'editor' } });
    assert.equal(invite.status, 201);
    assert.match(invite.body.memberId, /^mem_/);
    assert.equal(invite.body.email, 'grace@example.com');
    assert.equal(invite.body.status, 'invited');
    assert.match(invite.body.acceptUrl, /\/dashboard\/accept-invite#token=/);
    // The token is stored hashed only.
    const row = await node.ctx.db.selectFrom('members').selectAll().where('id', '=', invite.body.memberId).executeTakeFirstOrThrow();
    assert.notEqual(row.inviteTokenHash, tokenOf(invite.body.acceptUrl));

    const accepted = await node.request({
      method: 'POST',
      url: '/api/v1/invites/accept',
      payload: { token: tokenOf(invite.body.acceptUrl), password: PASSWORD },
    });
    assert.equal(accepted.status, 200);
    assert.deepEqual(accepted.body, { accountId: owner.accountId, memberId: invite.body.memberId, role: 'editor' });
    const grace = sessionOf(accepted.headers);
    const account = await node.request({ method: 'GET', url: '/api/v1/account', headers: { cookie: grace.cookie } });
    assert.equal(account.body.id, owner.accountId);
    assert.equal(account.body.role, 'editor');
    // `email` is the workspace's contact; `userEmail` who is signed in (null for an API key).
    assert.equal(account.body.email, owner.email);
    assert.equal(account.body.userEmail, 'grace@example.com');
    assert.equal((await node.request({ method: 'GET', url: '/api/v1/account', token: owner.apiKey })).body.userEmail, null);

    // The editor writes links but not webhooks.
    const link = await node.request({
      method: 'POST',
      url: '/api/v1/links',
      headers: { cookie: grace.cookie, 'x-csrf-token': grace.csrf },
      payload: { url: 'https://example.com', title: 'x' },
    });
    assert.equal(link.status, 201, link.raw);
    const hook = await node.request({
      method: 'POST',
      url: '/api/v1/webhooks',
      headers: { cookie: grace.cookie, 'x-csrf-token': grace.csrf },
      payload: { url: 'https://example.com/h', events: ['*'] },
    });
    assert.equal(hook.status, 403);
    assert.match(hook.body.type, /\/forbidden$/);
    assert.match(hook.body.detail, /editor role does not have the webhooks:write permission/);

    // The same person logs in with the new password and lands in that workspace.
    const login = await node.request({ method: 'POST', url: '/api/v1/login', payload: { email: 'grace@example.com', password: PASSWORD } });
    assert.equal(login.status, 200);
    assert.equal(login.body.account.id, owner.accountId);

    assert.deepEqual(await eventsOf(node, owner.accountId, 'team.member_added'), [
      { memberId: invite.body.memberId, email: 'grace@example.com', role: 'editor' },
    ]);
    const joined = await eventsOf(node, owner.accountId, 'team.member_joined');
    assert.equal(joined.length, 1);
    assert.equal(joined[0].memberId, invite.body.memberId);
    assert.match(joined[0].userId, /^usr_/);

    const audit = await node.request({ method: 'GET', url: '/api/v1/audit-log', token: owner.apiKey });
    assert.equal(audit.status, 200);
    const actions = audit.body.data.map((e: { action: string }) => e.action);
    assert.ok(actions.includes('member.invited') && actions.includes('member.joined'), actions.join());
    assert.ok(!audit.raw.includes(tokenOf(invite.body.acceptUrl)), 'the audit log never holds the token');
    // The editor may not read the audit log.
    const denied = await node.request({ method: 'GET', url: '/api/v1/audit-log', headers: { cookie: grace.cookie } });
    assert.equal(denied.status, 403);
  });

  it('a token is single-use: reused 410, forged 404, expired 410; a double accept gives one 200 and one 410', async () => {
    const owner = await node.signup();
    const invite = await node.request({ method: 'POST', url: '/api/v1/invites', token: owner.apiKey, payload: { email: 'twice@example.com', role: 'viewer' } });
    const token = tokenOf(invite.body.acceptUrl);
    const both = await Promise.all([
      node.request({ method: 'POST', url: '/api/v1/invites/accept', payload: { token, password: PASSWORD } }),
      node.request({ method: 'POST', url: '/api/v1/invites/accept', payload: { token, password: PASSWORD } }),
    ]);
    assert.deepEqual(both.map((r) => r.status).sort(), [200, 410]);
    const reused = await node.request({ method: 'POST', url: '/api/v1/invites/accept', payload: { token, password: PASSWORD } });
    assert.equal(reused.status, 410);
    assert.match(reused.body.type, /invite_gone$/);
    assert.match(reused.body.detail, /already used/);
    assert.match(String(reused.headers['content-type']), /^application\/problem\+json/);
    const forged = await node.request({ method: 'POST', url: '/api/v1/invites/accept', payload: { token: 'x'.repeat(43), password: PASSWORD } });
    assert.equal(forged.status, 404);

    const late = await node.request({ method: 'POST', url: '/api/v1/invites', token: owner.apiKey, payload: { email: 'late@example.com', role: 'viewer' } });
    await expireNow(node, late.body.memberId);
    const expired = await node.request({ method: 'POST', url: '/api/v1/invites/accept', payload: { token: tokenOf(late.body.acceptUrl), password: PASSWORD } });
    assert.equal(expired.status, 410);
    assert.match(expired.body.detail, /expired/);
    // The scheduler ends it and says so; the link still says why it no longer works.
    assert.ok((await expireInvites(node.ctx)) >= 1);
    const after = await node.request({ method: 'POST', url: '/api/v1/invites/accept', payload: { token: tokenOf(late.body.acceptUrl), password: PASSWORD } });
    assert.equal(after.status, 410);
    assert.match(after.body.detail, /expired/);
    const removed = await eventsOf(node, owner.accountId, 'team.member_removed');
    assert.deepEqual(removed, [{ memberId: late.body.memberId, email: 'late@example.com', role: 'viewer', reason: 'invite_expired' }]);
  });

  it("the worker's scheduler ends an expired invite by itself (team.member_removed, invite_expired) and leaves a live one", async () => {
    const owner = await node.signup();
    const invite = (email: string) =>
      node.request({ method: 'POST', url: '/api/v1/invites', token: owner.apiKey, payload: { email, role: 'editor' }, remoteAddress: client() });
    const stale = await invite('stale-invite@example.com');
    const live = await invite('live-invite@example.com');
    await expireNow(node, stale.body.memberId);
    const service = startInviteExpiry(node.ctx);
    try {
      // Its first run is 5 s after the start, then once a minute.
      await waitFor('the expiry', async () => (await eventsOf(node, owner.accountId, 'team.member_removed')).length > 0, 15_000);
    } finally {
      await service.stop();
    }
    assert.deepEqual(await eventsOf(node, owner.accountId, 'team.member_removed'), [
      { memberId: stale.body.memberId, email: 'stale-invite@example.com', role: 'editor', reason: 'invite_expired' },
    ]);
    const members = (await node.request({ method: 'GET', url: '/api/v1/members', token: owner.apiKey })).body.data.map((m: { id: string }) => m.id);
    assert.ok(members.includes(live.body.memberId) && !members.includes(stale.body.memberId));
    const audit = await node.request({ method: 'GET', url: '/api/v1/audit-log?action=member.invite_expired', token: owner.apiKey });
    assert.deepEqual(
      audit.body.data.map((e: { actor: { type: string } }) => e.actor.type),
      ['system'],
    );
  });

  it('an invite resent between the scheduler reading it and ending it is left pending, with its new link working', async () => {
    const owner = await node.signup();
    const invite = await node.request({ method: 'POST', url: '/api/v1/invites', token: owner.apiKey, payload: { email: 'race@example.com', role: 'viewer' } });
    await expireNow(node, invite.body.memberId);
    // The scheduler's read sees it expired…
    const read = (await dueInvites(node.ctx, Date.now())).find((m) => m.id === invite.body.memberId);
    assert.ok(read, 'the scheduler found the expired invite');
    // …the owner resends it before the scheduler's write…
    const resent = await node.request({ method: 'POST', url: `/api/v1/invites/${invite.body.memberId}/resend`, token: owner.apiKey });
    assert.equal(resent.status, 200);
    // …and the write, made from what it read, leaves the resent invite alone.
    assert.equal(await expireInvite(node.ctx, read), false);
    assert.deepEqual(await eventsOf(node, owner.accountId, 'team.member_removed'), []);
    const members = (await node.request({ method: 'GET', url: '/api/v1/members', token: owner.apiKey })).body.data;
    assert.equal(members.find((m: { id: string }) => m.id === invite.body.memberId)?.status, 'invited');
    const accepted = await node.request({
      method: 'POST',
      url: '/api/v1/invites/accept',
      payload: { token: tokenOf(resent.body.acceptUrl), password: PASSWORD },
    });
    assert.equal(accepted.status, 200);
  });

  it('resend gives a new link and kills the old one; revoke emits team.member_removed (invite_revoked)', async () => {
    const owner = await node.signup();
    const invite = await node.request({
      method: 'POST',
      url: '/api/v1/invites',
      token: owner.apiKey,
      payload: { email: 'resend@example.com', role: 'viewer' },
    });
    const resent = await node.request({ method: 'POST', url: `/api/v1/invites/${invite.body.memberId}/resend`, token: owner.apiKey });
    assert.equal(resent.status, 200);
    assert.notEqual(resent.body.acceptUrl, invite.body.acceptUrl);
    const old = await node.request({ method: 'POST', url: '/api/v1/invites/accept', payload: { token: tokenOf(invite.body.acceptUrl), password: PASSWORD } });
    assert.equal(old.status, 404);
    const revoked = await node.request({ method: 'DELETE', url: `/api/v1/invites/${invite.body.memberId}`, token: owner.apiKey });
    assert.equal(revoked.status, 204);
    const fresh = await node.request({ method: 'POST', url: '/api/v1/invites/accept', payload: { token: tokenOf(resent.body.acceptUrl), password: PASSWORD } });
    assert.equal(fresh.status, 410);
    assert.match(fresh.body.detail, /revoked/);
    assert.deepEqual(await eventsOf(node, owner.accountId, 'team.member_removed'), [
      { memberId: invite.body.memberId, email: 'resend@example.com', role: 'viewer', reason: 'invite_revoked' },
    ]);
  });

  it('bad input: unknown role 400, an existing member or pending invite 409, the seat limit counts pending invites', async () => {
    const owner = await node.signup();
    const unknown = await node.request({ method: 'POST', url: '/api/v1/invites', token: owner.apiKey, payload: { email: 'a@example.com', role: 'superuser' } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.errors[0].field, 'role');
    const self = await node.request({ method: 'POST', url: '/api/v1/invites', token: owner.apiKey, payload: { email: owner.email, role: 'admin' } });
    assert.equal(self.status, 409);
    assert.match(self.body.detail, /already a member/);
    // pro: 5 seats, the owner holds one.
    for (let i = 0; i < 4; i++) {
      const ok = await node.request({
        method: 'POST',
        url: '/api/v1/invites',
        token: owner.apiKey,
        payload: { email: `seat${i}@example.com`, role: 'viewer' },
      });
      assert.equal(ok.status, 201);
    }
    const again = await node.request({ method: 'POST', url: '/api/v1/invites', token: owner.apiKey, payload: { email: 'seat0@example.com', role: 'viewer' } });
    assert.equal(again.status, 409);
    const full = await node.request({ method: 'POST', url: '/api/v1/invites', token: owner.apiKey, payload: { email: 'seat9@example.com', role: 'viewer' } });
    assert.equal(full.status, 403);
    assert.match(String(full.headers['content-type']), /problem\+json/);
    assert.equal(full.body.limit, 'seats');
    assert.equal(full.body.max, 5);
    assert.match(full.body.detail, /pending invites/);
    // Revoking a pending invite frees its seat.
    const pending = (await node.request({ method: 'GET', url: '/api/v1/members', token: owner.apiKey })).body.data.find(
      (m: { status: string }) => m.status === 'invited',
    );
    assert.equal((await node.request({ method: 'DELETE', url: `/api/v1/invites/${pending.id}`, token: owner.apiKey })).status, 204);
    // The last seat, asked for twice at once: the account lock lets one invite count the other.
    const race = await Promise.all(
      ['race-a@example.com', 'race-b@example.com'].map((email) =>
        node.request({ method: 'POST', url: '/api/v1/invites', token: owner.apiKey, payload: { email, role: 'viewer' }, remoteAddress: client() }),
      ),
    );
    assert.deepEqual(race.map((r) => r.status).sort(), [201, 403]);
  });

  it("an API key acts with its creator's current role; removing the member revokes (or keeps) their keys and ends their session", async () => {
    const owner = await node.signup();
    const ed = await join(node, owner.apiKey, 'keys@example.com', 'editor');
    const key = await node.request({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: { cookie: ed.cookie, 'x-csrf-token': ed.csrf },
      payload: { name: 'ci' },
    });
    assert.equal(key.status, 201);
    const write = () => node.request({ method: 'POST', url: '/api/v1/links', token: key.body.key, payload: { url: 'https://example.com', title: 'k' } });
    assert.equal((await write()).status, 201);

    const demote = await node.request({ method: 'PATCH', url: `/api/v1/members/${ed.memberId}`, token: owner.apiKey, payload: { role: 'viewer' } });
    assert.equal(demote.status, 200);
    assert.equal(demote.body.role, 'viewer');
    const denied = await write();
    assert.equal(denied.status, 403);
    assert.match(denied.body.detail, /viewer role does not have the links:write permission/);
    assert.deepEqual(await eventsOf(node, owner.accountId, 'team.member_role_changed'), [
      { memberId: ed.memberId, email: 'keys@example.com', fromRole: 'editor', toRole: 'viewer', changedBy: await ownerMember(node, owner.accountId) },
    ]);

    const removed = await node.request({ method: 'DELETE', url: `/api/v1/members/${ed.memberId}?apiKeys=revoke`, token: owner.apiKey });
    assert.equal(removed.status, 204);
    assert.equal((await node.request({ method: 'GET', url: '/api/v1/links', token: key.body.key })).status, 401);
    assert.equal((await node.request({ method: 'GET', url: '/api/v1/links', headers: { cookie: ed.cookie } })).status, 401);
    const revokedEvents = await eventsOf(node, owner.accountId, 'api.key_revoked');
    assert.deepEqual(
      revokedEvents.map((e) => [e.keyId, e.reason]),
      [[key.body.id, 'member_removed']],
    );
    const removedEvents = await eventsOf(node, owner.accountId, 'team.member_removed');
    assert.deepEqual(
      removedEvents.map((e) => e.reason),
      ['removed'],
    );

    // keep: the key goes on, with the role the member last had.
    const vi = await join(node, owner.apiKey, 'keep@example.com', 'viewer');
    const kept = await node.request({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: { cookie: vi.cookie, 'x-csrf-token': vi.csrf },
      payload: { name: 'read' },
    });
    assert.equal((await node.request({ method: 'DELETE', url: `/api/v1/members/${vi.memberId}?apiKeys=keep`, token: owner.apiKey })).status, 204);
    assert.equal((await node.request({ method: 'GET', url: '/api/v1/links', token: kept.body.key })).status, 200);
    assert.equal(
      (await node.request({ method: 'POST', url: '/api/v1/links', token: kept.body.key, payload: { url: 'https://example.com', title: 'k' } })).status,
      403,
    );
    // …but it mints no new keys for the removed member.
    const minted = await node.request({ method: 'POST', url: '/api/v1/api-keys', token: kept.body.key, payload: { name: 'more' } });
    assert.equal(minted.status, 403);
    assert.match(minted.body.detail, /removed/);

    // The existing DELETE api-key route emits api.key_revoked too.
    assert.equal((await node.request({ method: 'DELETE', url: `/api/v1/api-keys/${kept.body.id}`, token: owner.apiKey })).status, 204);
    const all = await eventsOf(node, owner.accountId, 'api.key_revoked');
    assert.deepEqual(all.map((e) => [e.keyId, e.reason]).at(-1), [kept.body.id, 'revoked']);
  });

  it('an account always keeps an owner; only owners manage owners', async () => {
    const owner = await node.signup();
    const me = await ownerMember(node, owner.accountId);
    const alone = await node.request({ method: 'PATCH', url: `/api/v1/members/${me}`, token: owner.apiKey, payload: { role: 'admin' } });
    assert.equal(alone.status, 409);
    assert.match(alone.body.type, /last_owner$/);
    const admin = await join(node, owner.apiKey, 'admin@example.com', 'admin');
    const escalate = await node.request({
      method: 'PATCH',
      url: `/api/v1/members/${admin.memberId}`,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      payload: { role: 'owner' },
    });
    assert.equal(escalate.status, 403);
    assert.match(escalate.body.detail, /owners:manage/);
    const removeOwner = await node.request({ method: 'DELETE', url: `/api/v1/members/${me}`, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    assert.equal(removeOwner.status, 403);
  });

  it('two owners demoting each other at once: one wins, the account keeps an owner', async () => {
    const owner = await node.signup();
    const first = await ownerMember(node, owner.accountId);
    const second = await join(node, owner.apiKey, 'second@example.com', 'owner');
    const login = await node.request({ method: 'POST', url: '/api/v1/login', payload: { email: owner.email, password: PASSWORD } });
    const firstSession = sessionOf(login.headers);
    const results = await Promise.all([
      node.request({
        method: 'PATCH',
        url: `/api/v1/members/${second.memberId}`,
        headers: { cookie: firstSession.cookie, 'x-csrf-token': firstSession.csrf },
        payload: { role: 'admin' },
      }),
      node.request({
        method: 'PATCH',
        url: `/api/v1/members/${first}`,
        headers: { cookie: second.cookie, 'x-csrf-token': second.csrf },
        payload: { role: 'admin' },
      }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    // The loser is either refused (last owner) or, having been demoted first, no longer allowed.
    assert.equal(statuses[0], 200);
    assert.ok(statuses[1] === 409 || statuses[1] === 403, String(statuses));
    const owners = await node.ctx.db
      .selectFrom('members')
      .select('id')
      .where('accountId', '=', owner.accountId)
      .where('role', '=', 'owner')
      .where('status', '=', 'active')
      .execute();
    assert.equal(owners.length, 1);
  });

  it('a caller demoted while its request waited for the lock is judged on its committed role', async () => {
    const owner = await node.signup();
    const second = await join(node, owner.apiKey, 'stale@example.com', 'owner');
    const first = await ownerMember(node, owner.accountId);
    // `second` was an owner when its request was authenticated, and is an admin by the time it runs.
    assert.equal(
      (await node.request({ method: 'PATCH', url: `/api/v1/members/${second.memberId}`, token: owner.apiKey, payload: { role: 'admin' } })).status,
      200,
    );
    const stale = { memberId: second.memberId, role: 'owner' as const, actor: { type: 'user' as const, id: 'usr_stale' } };
    await assert.rejects(changeRole(node.ctx, owner.accountId, stale, first, 'viewer'), (err: { status: number; extra?: { permission?: string } }) => {
      assert.equal(err.status, 403);
      assert.equal(err.extra?.permission, 'owners:manage');
      return true;
    });
    // Removed by now: a session's request that was already past the auth hook is refused too.
    assert.equal((await node.request({ method: 'DELETE', url: `/api/v1/members/${second.memberId}`, token: owner.apiKey })).status, 204);
    await assert.rejects(changeRole(node.ctx, owner.accountId, stale, first, 'viewer'), (err: { status: number }) => err.status === 401);
  });

  it('a member removed and invited again signs in and acts in the account again', async () => {
    const owner = await node.signup();
    const before = await join(node, owner.apiKey, 'back@example.com', 'editor');
    assert.equal((await node.request({ method: 'DELETE', url: `/api/v1/members/${before.memberId}`, token: owner.apiKey })).status, 204);
    assert.equal((await node.request({ method: 'GET', url: '/api/v1/account', headers: { cookie: before.cookie } })).status, 401);
    const invite = await node.request({
      method: 'POST',
      url: '/api/v1/invites',
      token: owner.apiKey,
      payload: { email: 'back@example.com', role: 'viewer' },
      remoteAddress: client(),
    });
    assert.equal(invite.status, 201, invite.raw);
    // The user exists: accepted from their (still valid) login session.
    const accepted = await node.request({
      method: 'POST',
      url: '/api/v1/invites/accept',
      remoteAddress: client(),
      headers: { cookie: before.cookie },
      payload: { token: tokenOf(invite.body.acceptUrl) },
    });
    assert.equal(accepted.status, 200, accepted.raw);
    for (const cookie of [sessionOf(accepted.headers).cookie]) {
      const account = await node.request({ method: 'GET', url: '/api/v1/account', headers: { cookie } });
      assert.equal(account.status, 200, account.raw);
      assert.equal(account.body.role, 'viewer');
      assert.equal(account.body.memberId, invite.body.memberId);
    }
    const login = await node.request({ method: 'POST', url: '/api/v1/login', payload: { email: 'back@example.com', password: PASSWORD } });
    const again = await node.request({ method: 'GET', url: '/api/v1/account', headers: { cookie: sessionOf(login.headers).cookie } });
    assert.equal(again.status, 200, again.raw);
    assert.equal(again.body.memberId, invite.body.memberId);
  });

  it('leaving: any role may leave (reason left), the session moves to the next workspace or ends; the last owner may not', async () => {
    const a = await node.signup();
    const b = await node.signup();
    const viewer = await join(node, b.apiKey, `leaver-${a.handle}@example.com`, 'viewer');
    const leave = (s: { cookie: string; csrf: string }, q = '') =>
      node.request({ method: 'DELETE', url: `/api/v1/members/me${q}`, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    const left = await leave(viewer);
    assert.equal(left.status, 200, left.raw);
    assert.deepEqual(left.body, { accountId: null });
    assert.equal((await node.request({ method: 'GET', url: '/api/v1/account', headers: { cookie: viewer.cookie } })).status, 401);
    assert.deepEqual(
      (await eventsOf(node, b.accountId, 'team.member_removed')).map((e) => [e.memberId, e.reason]),
      [[viewer.memberId, 'left']],
    );
    const audit = await node.request({ method: 'GET', url: '/api/v1/audit-log?action=member.left', token: b.apiKey });
    assert.deepEqual(
      audit.body.data.map((e: { target: { id: string }; actor: { type: string } }) => [e.target.id, e.actor.type]),
      [[viewer.memberId, 'user']],
    );

    // a's owner is also an editor of b: leaving b moves the session back to a.
    const login = await node.request({ method: 'POST', url: '/api/v1/login', payload: { email: a.email, password: PASSWORD } });
    const session = sessionOf(login.headers);
    const invite = await node.request({
      method: 'POST',
      url: '/api/v1/invites',
      token: b.apiKey,
      payload: { email: a.email, role: 'editor' },
      remoteAddress: client(),
    });
    const accepted = await node.request({
      method: 'POST',
      url: '/api/v1/invites/accept',
      remoteAddress: client(),
      headers: { cookie: session.cookie },
      payload: { token: tokenOf(invite.body.acceptUrl) },
    });
    const inB = sessionOf(accepted.headers);
    const moved = await leave(inB, '?apiKeys=keep');
    assert.equal(moved.status, 200, moved.raw);
    assert.deepEqual(moved.body, { accountId: a.accountId });
    const now = await node.request({ method: 'GET', url: '/api/v1/account', headers: { cookie: inB.cookie } });
    assert.equal(now.body.id, a.accountId);

    // a's only owner cannot leave a.
    const last = await leave(inB);
    assert.equal(last.status, 409);
    assert.match(last.body.type, /last_owner$/);
    // An API key is not a person: it cannot leave.
    const byKey = await node.request({ method: 'DELETE', url: '/api/v1/members/me', token: a.apiKey });
    assert.equal(byKey.status, 400);
  });

  it('two invites of one new email accepted at once: one login is created, the other accept is a clear 4xx', async () => {
    const a = await node.signup();
    const b = await node.signup();
    const email = `twofold-${a.handle}@example.com`;
    const invites = await Promise.all(
      [a, b].map((o) => node.request({ method: 'POST', url: '/api/v1/invites', token: o.apiKey, payload: { email, role: 'viewer' }, remoteAddress: client() })),
    );
    const results = await Promise.all(
      invites.map((i) =>
        node.request({
          method: 'POST',
          url: '/api/v1/invites/accept',
          remoteAddress: client(),
          payload: { token: tokenOf(i.body.acceptUrl), password: PASSWORD },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    assert.equal(statuses[0], 200, results.map((r) => r.raw).join(' '));
    // Serialised, the second finds the login and asks to log in (401); racing, the unique email decides (409).
    assert.ok(statuses[1] === 401 || statuses[1] === 409, results.map((r) => r.raw).join(' '));
    assert.match(String(results.find((r) => r.status !== 200)!.headers['content-type']), /problem\+json/);
    const users = await node.ctx.db.selectFrom('users').select('id').where('email', '=', email).execute();
    assert.equal(users.length, 1);
  });

  it('workspaces: a user in two accounts lists them and switches the session', async () => {
    const a = await node.signup();
    const b = await node.signup();
    const login = await node.request({ method: 'POST', url: '/api/v1/login', payload: { email: a.email, password: PASSWORD } });
    const session = sessionOf(login.headers);
    const invite = await node.request({ method: 'POST', url: '/api/v1/invites', token: b.apiKey, payload: { email: a.email, role: 'viewer' } });
    // An existing user must be signed in as that email.
    const anonymous = await node.request({ method: 'POST', url: '/api/v1/invites/accept', payload: { token: tokenOf(invite.body.acceptUrl) } });
    assert.equal(anonymous.status, 401);
    const accepted = await node.request({
      method: 'POST',
      url: '/api/v1/invites/accept',
      headers: { cookie: session.cookie },
      payload: { token: tokenOf(invite.body.acceptUrl) },
    });
    assert.equal(accepted.status, 200);
    const list = await node.request({ method: 'GET', url: '/api/v1/workspaces', headers: { cookie: session.cookie } });
    assert.deepEqual(
      list.body.data.map((w: { accountId: string; role: string }) => [w.accountId, w.role]),
      [
        [a.accountId, 'owner'],
        [b.accountId, 'viewer'],
      ],
    );
    const switched = await node.request({
      method: 'POST',
      url: `/api/v1/workspaces/${b.accountId}/switch`,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    });
    assert.equal(switched.status, 200);
    const now = await node.request({ method: 'GET', url: '/api/v1/account', headers: { cookie: session.cookie } });
    assert.equal(now.body.id, b.accountId);
    assert.equal(now.body.role, 'viewer');
    const stranger = await node.signup();
    const notMine = await node.request({
      method: 'POST',
      url: `/api/v1/workspaces/${stranger.accountId}/switch`,
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
    });
    assert.equal(notMine.status, 404);
  });

  it('audit log: filters, cursor pages, NDJSON export; a row rolls back with its change', async () => {
    const owner = await node.signup();
    for (let i = 0; i < 3; i++)
      await node.request({ method: 'POST', url: '/api/v1/invites', token: owner.apiKey, payload: { email: `audit${i}@example.com`, role: 'viewer' } });
    await node.request({ method: 'POST', url: '/api/v1/api-keys', token: owner.apiKey, payload: { name: 'x' } });
    const first = await node.request({ method: 'GET', url: '/api/v1/audit-log?action=member.invited&limit=2', token: owner.apiKey });
    assert.equal(first.body.data.length, 2);
    assert.ok(first.body.data.every((e: { action: string; actor: { type: string } }) => e.action === 'member.invited' && e.actor.type === 'api_key'));
    const second = await node.request({
      method: 'GET',
      url: `/api/v1/audit-log?action=member.invited&limit=2&cursor=${first.body.nextCursor}`,
      token: owner.apiKey,
    });
    assert.equal(second.body.data.length, 1);
    assert.equal(second.body.nextCursor, null);
    const future = await node.request({ method: 'GET', url: `/api/v1/audit-log?since=${new Date(Date.now() + 60_000).toISOString()}`, token: owner.apiKey });
    assert.deepEqual(future.body.data, []);
    const badSince = await node.request({ method: 'GET', url: '/api/v1/audit-log?since=yesterday', token: owner.apiKey });
    assert.equal(badSince.status, 400);

    const ndjson = await node.app.inject({ method: 'GET', url: '/api/v1/audit-log/export', headers: { authorization: `Bearer ${owner.apiKey}` } });
    assert.equal(ndjson.statusCode, 200);
    assert.match(String(ndjson.headers['content-type']), /application\/x-ndjson/);
    const lines = ndjson.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 4);
    assert.deepEqual(
      lines.map((l) => l.action),
      ['api_key.created', 'member.invited', 'member.invited', 'member.invited'],
    );

    // No address is kept: not the caller's, not a part of it.
    const fromAddress = await node.request({
      method: 'POST',
      url: '/api/v1/api-keys',
      token: owner.apiKey,
      payload: { name: 'from-far' },
      remoteAddress: '203.0.113.77',
    });
    assert.equal(fromAddress.status, 201);
    const withAddress = await node.app.inject({ method: 'GET', url: '/api/v1/audit-log/export', headers: { authorization: `Bearer ${owner.apiKey}` } });
    assert.ok(!withAddress.body.includes('203.0.113'), 'no IP in the audit log');
    assert.ok(!withAddress.body.includes(fromAddress.body.key), 'no API key in the audit log');

    // Webhooks and their secrets are audited; the secret never is.
    const hook = await node.request({
      method: 'POST',
      url: '/api/v1/webhooks',
      token: owner.apiKey,
      payload: { url: 'http://127.0.0.1:9/a', events: ['*'], headers: { 'X-Token': 'hunter2' } },
    });
    assert.equal(hook.status, 201, hook.raw);
    const revealed = await node.request({ method: 'GET', url: `/api/v1/webhooks/${hook.body.id}/secret`, token: owner.apiKey });
    const rotated = await node.request({ method: 'POST', url: `/api/v1/webhooks/${hook.body.id}/rotate-secret`, token: owner.apiKey, payload: {} });
    assert.equal(rotated.status, 200, rotated.raw);
    await node.request({
      method: 'PATCH',
      url: `/api/v1/webhooks/${hook.body.id}`,
      token: owner.apiKey,
      payload: { headers: { 'X-Token': 'hunter3' } },
    });
    await node.request({ method: 'DELETE', url: `/api/v1/webhooks/${hook.body.id}`, token: owner.apiKey });
    const hookAudit = await node.request({ method: 'GET', url: `/api/v1/audit-log?limit=5`, token: owner.apiKey });
    assert.deepEqual(
      hookAudit.body.data.map((e: { action: string }) => e.action),
      ['webhook.deleted', 'webhook.updated', 'webhook.secret_rotated', 'webhook.secret_revealed', 'webhook.created'],
    );
    for (const secret of [revealed.body.secret, rotated.body.secret, 'hunter2', 'hunter3'])
      assert.ok(!hookAudit.raw.includes(secret), 'no secret in the audit log');

    await assert.rejects(
      inTransaction(node.ctx.db, async (tx) => {
        await recordAudit(
          tx,
          owner.accountId,
          { type: 'system', id: 'system' },
          { action: 'test.rolled_back', target: { type: 'account', id: owner.accountId } },
        );
        throw new Error('the change fails');
      }),
      /the change fails/,
    );
    const rolledBack = await node.ctx.db.selectFrom('auditLog').select('id').where('action', '=', 'test.rolled_back').execute();
    assert.deepEqual(rolledBack, []);
  });
});

it('config: LINKWIRE_INVITE_TTL, LINKWIRE_PLAN_<PLAN>_SEATS, LINKWIRE_AUDIT_RETENTION_DAYS and LINKWIRE_SMTP_URL are validated', () => {
  const config = loadConfig({ LINKWIRE_INVITE_TTL: '2d', LINKWIRE_PLAN_PRO_SEATS: '12', LINKWIRE_AUDIT_RETENTION_DAYS: '30' });
  assert.equal(config.inviteTtlMs, 2 * 86_400_000);
  assert.equal(config.plans.pro.seats, 12);
  assert.equal(config.auditRetentionDays, 30);
  assert.equal(loadConfig({}).inviteTtlMs, 7 * 86_400_000);
  assert.equal(loadConfig({}).auditRetentionDays, 365);
  assert.throws(
    () => loadConfig({ LINKWIRE_INVITE_TTL: 'soon', LINKWIRE_SMTP_URL: 'mail.example.com' }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      assert.ok(err.problems.some((p) => p.startsWith('LINKWIRE_INVITE_TTL')));
      assert.ok(err.problems.some((p) => p.startsWith('LINKWIRE_SMTP_URL')));
      return true;
    },
  );
});

describeEachDialect('audit retention', (dialect) => {
  const node = suiteNode(dialect);
  it('purges rows older than the retention and keeps the rest', async () => {
    const owner = await node.signup();
    const day = 86_400_000;
    const old = Date.now() - 400 * day;
    await node.ctx.db
      .insertInto('auditLog')
      .values({
        id: `aud_${idTimePrefix(old)}0000000000000000`,
        accountId: owner.accountId,
        at: old,
        actorType: 'system',
        actorId: 'system',
        actorEmail: null,
        action: 'test.old',
        targetType: 'account',
        targetId: owner.accountId,
        changes: null,
      })
      .execute();
    await node.request({ method: 'POST', url: '/api/v1/api-keys', token: owner.apiKey, payload: { name: 'recent' } });
    assert.equal(await purgeAudit(node.ctx, 365), 1);
    const left = await node.ctx.db.selectFrom('auditLog').select('action').where('accountId', '=', owner.accountId).execute();
    assert.deepEqual(
      left.map((r) => r.action),
      ['api_key.created'],
    );
  });
});

async function ownerMember(node: TestNode, accountId: string): Promise<string> {
  const row = await node.ctx.db
    .selectFrom('members')
    .select('id')
    .where('accountId', '=', accountId)
    .where('role', '=', 'owner')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

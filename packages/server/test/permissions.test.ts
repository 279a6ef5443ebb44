import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { installAuth } from '../src/accounts/auth.js';
import { PERMISSIONS, type Permission, ROLE_PERMISSIONS, ROLES, type Role, roleAllows } from '../src/accounts/permissions.js';
import { describeEachDialect, suiteNode } from './helpers.js';

// The role × route suite, generated from the permission table (accounts/permissions.ts) and the
// routes the app registers (each documents its permission as x-permission in the OpenAPI document):
// a role that lacks a route's permission gets the 403 forbidden problem naming both; a role that has
// it gets whatever the route answers to a request for something that does not exist — never that 403.

const PASSWORD = 'correct horse battery';

interface Operation {
  method: string;
  path: string;
  operationId: string;
  permission: Permission;
}

function operationsOf(doc: { paths: Record<string, Record<string, { operationId: string; 'x-permission'?: Permission }>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, op] of Object.entries(methods)) {
      if (op['x-permission']) out.push({ method: method.toUpperCase(), path, operationId: op.operationId, permission: op['x-permission'] });
    }
  }
  return out;
}

describe('the permission table', () => {
  it('every role names only known permissions, and each role has every right of the roles below it', () => {
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) assert.ok(p in PERMISSIONS, `${role}: ${p}`);
    for (let i = 1; i < ROLES.length; i++) {
      for (const p of ROLE_PERMISSIONS[ROLES[i]!]) assert.ok(roleAllows(ROLES[i - 1]!, p), `${ROLES[i - 1]} lacks ${p} that ${ROLES[i]} has`);
    }
  });

  it('a non-public /api/v1 route without a permission stops the app from starting', async () => {
    const app = Fastify();
    await assert.rejects(async () => {
      await app.register(async (api) => {
        installAuth(api);
        api.get('/unannotated', async () => ({}));
      });
      await app.ready();
    }, /GET \/unannotated names no permission/);
    await app.close();
  });
});

describeEachDialect('role × route', (dialect) => {
  const node = suiteNode(dialect);
  const keys = {} as Record<Role, string>;
  let operations: Operation[] = [];

  before(async () => {
    const owner = await node.signup();
    keys.owner = owner.apiKey;
    for (const role of ['admin', 'editor', 'viewer'] as const) {
      const email = `${role}-${owner.handle}@example.com`;
      const invite = await node.request({ method: 'POST', url: '/api/v1/invites', token: owner.apiKey, payload: { email, role } });
      const token = new URL(invite.body.acceptUrl).hash.replace(/^#token=/, '');
      const accepted = await node.request({ method: 'POST', url: '/api/v1/invites/accept', payload: { token, password: PASSWORD } });
      const cookies = ([] as string[]).concat(accepted.headers['set-cookie']).join(';');
      const cookie = `lw_session=${/lw_session=([^;]+)/.exec(cookies)![1]}; lw_csrf=${/lw_csrf=([^;]+)/.exec(cookies)![1]}`;
      const key = await node.request({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: { cookie, 'x-csrf-token': /lw_csrf=([^;]+)/.exec(cookies)![1]! },
        payload: { name: role },
      });
      assert.equal(key.status, 201, key.raw);
      keys[role] = key.body.key;
    }
    operations = operationsOf(node.app.swagger() as never);
  });

  it('covers every authenticated route and every permission a route uses', () => {
    // Every API route but sign-up, login, logout and accepting an invite: 50 and more.
    assert.ok(operations.length >= 50, String(operations.length));
    assert.ok(operations.some((o) => o.permission === 'secrets:manage'));
  });

  for (const role of ROLES) {
    it(`${role}: 403 forbidden exactly where the table says so`, async () => {
      const wrong: string[] = [];
      for (const op of operations) {
        const url = op.path.replace(/\{[^}]+\}/g, 'missing_0000000000000000000000');
        const res = await node.app.inject({
          method: op.method as never,
          url,
          headers: { authorization: `Bearer ${keys[role]}` },
          ...(['POST', 'PUT', 'PATCH'].includes(op.method) ? { payload: {} } : {}),
        });
        const problem = /problem\+json/.test(String(res.headers['content-type'])) ? JSON.parse(res.body) : null;
        const forbidden = res.statusCode === 403 && /\/forbidden$/.test(String(problem?.type));
        const expected = !roleAllows(role, op.permission);
        if (forbidden !== expected) wrong.push(`${op.method} ${op.path} (${op.permission}): ${res.statusCode} ${res.body.slice(0, 160)}`);
        if (expected && forbidden) assert.match(problem.detail, new RegExp(`${role} role does not have the ${op.permission} permission`));
      }
      assert.deepEqual(wrong, []);
    });
  }

  it('GET /api/v1/roles serves the table the server enforces', async () => {
    const res = await node.request({ method: 'GET', url: '/api/v1/roles', token: keys.viewer });
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.roles,
      ROLES.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })),
    );
    assert.deepEqual(
      res.body.permissions.map((p: { name: string }) => p.name),
      Object.keys(PERMISSIONS),
    );
  });
});

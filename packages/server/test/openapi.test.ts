import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { buildApp, DOCS_CSP } from '../src/app.js';
import { createContext } from '../src/context.js';
import { DATA_SCHEMAS, EVENT_TYPES, EXAMPLES } from '../src/events/catalog.js';
import { installProblemHandler } from '../src/http/problem.js';
import { authed, serializerCompiler, validatorCompiler } from '../src/http/schemas.js';
import { createLogger } from '../src/logger.js';
import { CreateBody, Endpoint } from '../src/webhooks/schemas.js';
import { OPENAPI_DOC_PATH, renderOpenApiDoc } from '../scripts/openapi-doc.js';
import { assertUpToDate } from './generated.js';
import { describeEachDialect, freshDatabase, suiteNode, testConfig } from './helpers.js';

const committed = () => JSON.parse(readFileSync(OPENAPI_DOC_PATH, 'utf8'));
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

it('docs/openapi.json is generated from the routes and up to date (run `npm run docs:openapi`)', async () => {
  assertUpToDate(OPENAPI_DOC_PATH, await renderOpenApiDoc(), {
    what: 'The OpenAPI document is stale:',
    fix: 'run `npm run docs:openapi` and commit the result.',
    sides: '- committed, + generated from the route schemas',
  });
});

it('docs/openapi.json is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator)', async () => {
  const validator = new Validator();
  const result = await validator.validate(committed());
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  assert.equal(validator.version, '3.1');
});

it('every operation has an operationId, a tag, a success answer, and problem+json errors where they occur', () => {
  const doc = committed();
  const ids = new Set<string>();
  const tags = new Set(doc.tags.map((t: { name: string }) => t.name));
  let operations = 0;
  for (const [path, item] of Object.entries<Record<string, any>>(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      operations++;
      const where = `${method.toUpperCase()} ${path}`;
      assert.ok(op.operationId && !ids.has(op.operationId), `${where}: a unique operationId`);
      ids.add(op.operationId);
      assert.ok(op.tags?.length === 1 && tags.has(op.tags[0]), `${where}: one declared tag`);
      const statuses = Object.keys(op.responses);
      assert.ok(
        statuses.some((s) => /^[23]/.test(s)),
        `${where}: a 2xx or 3xx answer`,
      );
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (path.startsWith('/api/v1/') && !isPublic) assert.ok(statuses.includes('401'), `${where}: 401 (authenticated)`);
      if (op.requestBody || op.parameters?.length)
        assert.ok(
          statuses.includes('400') || path === '/l/{slug}' || path === '/q/{slug}' || path === '/{handle}' || path === '/{handle}/w/{widgetId}',
          `${where}: 400 (takes input)`,
        );
      for (const status of statuses.filter((s) => /^[45]/.test(s) && path.startsWith('/api/v1/'))) {
        assert.deepEqual(
          op.responses[status].content,
          { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          `${where} ${status}: the Problem schema`,
        );
      }
      for (const status of statuses.filter((s) => /^2/.test(s) && s !== '204' && path.startsWith('/api/v1/'))) {
        assert.ok(op.responses[status].content, `${where} ${status}: a declared body`);
      }
    }
  }
  // 39 API operations (accounts 7, events 2, links 17, webhooks 9, delivery 4) and 4 public pages.
  // + teams 13 (roles, invites, members, leaving, workspaces, audit log), domains 7, deep links 13 (apps 7,
  // sdk 3, the 3 association-file routes), chat and no-code 2 (me, samples), sinks 6 (with the widget redirect).
  assert.equal(operations, 87);
  assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ['apiKey', 'appKey', 'csrf', 'session']);
  assert.deepEqual(doc.components.securitySchemes.apiKey, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'lw_…',
    description: 'An API key (`lw_…`) from sign-up or POST /api/v1/api-keys',
  });
  assert.equal(doc.components.securitySchemes.session.name, 'lw_session');
  assert.equal(doc.components.securitySchemes.csrf.name, 'x-csrf-token');
  assert.deepEqual(doc.security, [{ apiKey: [] }, { session: [], csrf: [] }]);
});

it('the webhooks section has every catalog event type: envelope, data schema, example and the Standard Webhooks headers', () => {
  const doc = committed();
  assert.deepEqual(Object.keys(doc.webhooks).sort(), [...EVENT_TYPES].sort());
  for (const type of EVENT_TYPES) {
    const op = doc.webhooks[type].post;
    assert.ok(
      doc.tags.some((t: { name: string }) => t.name === op.tags[0]),
      `${type}: a declared tag`,
    );
    assert.deepEqual(
      op.parameters.map((p: { name: string; in: string; required: boolean }) => `${p.in}:${p.name}:${p.required}`),
      ['header:webhook-id:true', 'header:webhook-timestamp:true', 'header:webhook-signature:true'],
    );
    const body = op.requestBody.content['application/json'];
    assert.deepEqual(body.schema.required, ['id', 'type', 'timestamp', 'accountId', 'data'], type);
    assert.deepEqual(body.schema.properties.type, { type: 'string', const: type });
    assert.equal(body.example.type, type);
    assert.deepEqual(body.example.data, EXAMPLES[type]);
    // The example is valid against the catalog's schema of `data`.
    assert.ok(DATA_SCHEMAS[type].safeParse(body.example.data).success, `${type}: the example's data matches its schema`);
  }
});

it('the docs page and the document are not served on the worker role', async () => {
  const database = await freshDatabase('sqlite');
  const config = testConfig({ ...database.env, LINKWIRE_ROLE: 'worker' });
  const ctx = await createContext(config, { log: createLogger('silent') });
  const app = await buildApp(ctx, { healthOnly: true });
  try {
    assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
    assert.equal((await app.inject({ url: '/docs/api' })).statusCode, 404);
    assert.equal((await app.inject({ url: '/api/v1/openapi.json' })).statusCode, 404);
  } finally {
    await app.close();
    await ctx.database.close();
    await database.drop();
  }
});

it('a field a route does not declare never reaches the client, over real HTTP', async () => {
  // A route shaped like GET /api/v1/webhooks/{id}, whose view object carries more than its schema:
  // the encrypted secret and a column a later migration might add.
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandler(app);
  const view = {
    id: 'wh_1',
    kind: 'http' as const,
    url: 'https://example.com/hook',
    events: ['*'],
    description: null,
    filter: null,
    timeoutMs: 10_000,
    headers: {},
    enabled: true,
    status: 'active' as const,
    disabledReason: null,
    disabledAt: null,
    createdAt: '2026-03-25T14:00:00.000Z',
    updatedAt: '2026-03-25T14:00:00.000Z',
    format: 'standard' as const,
    source: 'api' as const,
    misconfiguredReason: null,
  };
  app.get('/endpoint', { schema: { response: { 200: Endpoint, ...authed() } } }, async () => ({ ...view, secretEnc: 'c2VjcmV0', internalNote: 'x' }) as never);
  app.post('/endpoint', { schema: { body: CreateBody, response: { 201: Endpoint } } }, async (_req, reply) => reply.code(201).send(view));
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const res = await fetch(`${base}/endpoint`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), view);
    // Validation by the route schema is the same 400 as before, naming each field.
    const bad = await fetch(`${base}/endpoint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events: [], timeoutMs: 5, extra: 1 }),
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    const problem = (await bad.json()) as { type: string; errors: { field: string; message: string }[] };
    assert.equal(problem.type, 'https://linkwire.dev/problems/validation_failed');
    assert.deepEqual(problem.errors.map((e) => e.field).sort(), ['events', 'extra', 'timeoutMs', 'url']);
    assert.deepEqual(
      problem.errors.find((e) => e.field === 'timeoutMs'),
      { field: 'timeoutMs', message: 'must be at least 1000 (1 s)' },
    );
  } finally {
    await app.close();
  }
});

describeEachDialect('OpenAPI document and docs UI', (dialect) => {
  const node = suiteNode(dialect);

  it('GET /api/v1/openapi.json needs no auth and is the committed document', async () => {
    const res = await node.request({ method: 'GET', url: '/api/v1/openapi.json' });
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^application\/json/);
    assert.deepEqual(res.body, committed());
  });

  it('every documented operation is a route of the app', () => {
    const doc = committed();
    for (const [path, item] of Object.entries<Record<string, unknown>>(doc.paths)) {
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      for (const method of METHODS) {
        if (item[method]) assert.ok(node.app.hasRoute({ method: method.toUpperCase() as 'GET', url }), `${method.toUpperCase()} ${url} is registered`);
      }
    }
  });

  it('API answers carry exactly the documented fields', async () => {
    const { apiKey } = await node.signup();
    const created = await node.request({
      method: 'POST',
      url: '/api/v1/webhooks',
      token: apiKey,
      payload: { url: 'http://127.0.0.1:9/hook', events: ['link.click'] },
    });
    assert.equal(created.status, 201);
    assert.deepEqual(Object.keys(created.body).sort(), [...Object.keys(Endpoint.shape), 'secret'].sort());
    const one = await node.request({ method: 'GET', url: `/api/v1/webhooks/${created.body.id}`, token: apiKey });
    assert.deepEqual(Object.keys(one.body).sort(), Object.keys(Endpoint.shape).sort());
    assert.equal(one.body.secret, undefined);
    const keys = await node.request({ method: 'GET', url: '/api/v1/api-keys', token: apiKey });
    assert.deepEqual(Object.keys(keys.body.data[0]).sort(), ['createdAt', 'id', 'lastUsedAt', 'name', 'prefix']);
  });

  it('serves Swagger UI at /docs/api from node_modules: same-origin assets only, a strict CSP', async () => {
    await node.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(node.app.server.address() as AddressInfo).port}`;
    const page = await fetch(`${base}/docs/api/`);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('content-security-policy'), DOCS_CSP);
    const html = await page.text();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(refs.length >= 5, `the page references its assets: ${refs.join(', ')}`);
    assert.doesNotMatch(html, /https?:\/\/|\/\/[a-z]/i, 'no external host in the page');
    for (const ref of refs) {
      const asset = await fetch(new URL(ref, `${base}/docs/api/`));
      assert.equal(asset.status, 200, ref);
      assert.ok((await asset.arrayBuffer()).byteLength > 0, `${ref} has content`);
    }
    const init = await (await fetch(`${base}/docs/api/static/swagger-initializer.js`)).text();
    // The one thing the initializer fetches is the document, from this origin.
    assert.match(init, /url: resolveUrl\('\.\/json'\)/);
    assert.match(init, /validatorUrl: null/);
    // What the page loads: the same document.
    const json = await fetch(`${base}/docs/api/json`);
    assert.deepEqual(await json.json(), committed());
  });
});

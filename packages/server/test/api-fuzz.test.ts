import assert from 'node:assert/strict';
import { it } from 'node:test';
import Ajv2020Module from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describeEachDialect, suiteNode, type TestNode } from './helpers.js';

// A schema-driven fuzz run over every route of the published OpenAPI document: requests are drawn
// from each operation's own parameter and body schemas (valid values, edge values and garbage), sent
// with a valid API key and with none, and every answer must keep the contract:
//   - never a 5xx;
//   - every 4xx of the API is application/problem+json with a status and a title (the public pages'
//     404/410 are the HTML pages the document declares for them);
//   - every 2xx with a JSON body matches the response schema the document declares for it.
// Cases per operation and auth are bounded (RUNS) so that `npm test` stays fast; the seed is fixed
// so a failure replays, and fast-check prints the smallest request that broke the contract.

const RUNS = Number(process.env.LINKWIRE_FUZZ_RUNS ?? 25);
const SEED = Number(process.env.LINKWIRE_FUZZ_SEED ?? 20261206);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
// ajv is CommonJS: under NodeNext its default import is the module object, whose .default is the class.
const Ajv2020 = Ajv2020Module.default;

type Json = Record<string, any>;
type Schema = Json & { type?: string | string[] };

interface Operation {
  method: (typeof METHODS)[number];
  path: string;
  pointer: string;
  op: Json;
}

/** `#/components/schemas/X` and the like, resolved in the document (OpenAPI 3.1 schemas are JSON Schema 2020-12). */
function deref(doc: Json, schema: Schema | undefined, depth = 0): Schema {
  if (!schema || depth > 20) return {};
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/')) {
    const target = schema.$ref
      .slice(2)
      .split('/')
      .reduce<any>((node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    return deref(doc, target, depth + 1);
  }
  return schema;
}

/** Values a schema accepts, plus the edges and wrong types that a client sends by mistake. */
function arbitraryFor(doc: Json, raw: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const schema = deref(doc, raw);
  const garbage = fc.oneof(fc.constant(null), fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant([]), fc.constant({}));
  if (depth > 4) return garbage;
  const choices: fc.Arbitrary<unknown>[] = [];
  if ('const' in schema) choices.push(fc.constant(schema.const));
  if (Array.isArray(schema.enum)) choices.push(fc.constantFrom(...schema.enum));
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(schema[key])) for (const part of schema[key]) choices.push(arbitraryFor(doc, part, depth + 1));
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  for (const type of types) {
    if (type === 'string') {
      if (schema.format === 'uri') choices.push(fc.constantFrom('https://hooks.example.invalid/a', 'http://127.0.0.1:1/x', 'ftp://x', 'not a url'));
      else if (schema.format === 'date-time')
        choices.push(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.constant('yesterday'),
        );
      else if (schema.format === 'email') choices.push(fc.emailAddress(), fc.constant('no-at-sign'));
      else choices.push(fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 80) }), fc.string({ maxLength: 300 }));
    } else if (type === 'integer' || type === 'number') {
      const min = schema.minimum ?? -1e6;
      const max = schema.maximum ?? 1e9;
      choices.push(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.constantFrom(min - 1, max + 1, 0, -1, 1.5));
    } else if (type === 'boolean') {
      choices.push(fc.boolean());
    } else if (type === 'null') {
      choices.push(fc.constant(null));
    } else if (type === 'array') {
      choices.push(fc.array(arbitraryFor(doc, schema.items, depth + 1), { maxLength: 4 }));
    } else if (type === 'object') {
      const props: Record<string, Schema> = schema.properties ?? {};
      const shape = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, arbitraryFor(doc, v, depth + 1)]));
      const required: string[] = schema.required ?? [];
      choices.push(
        fc.record(shape, { requiredKeys: required.filter((k) => k in shape) }),
        fc.record(shape, { requiredKeys: [] }),
        fc.record({ ...shape, unexpected: fc.string({ maxLength: 8 }) }, { requiredKeys: ['unexpected'] }),
      );
    }
  }
  if (choices.length === 0) choices.push(fc.jsonValue({ maxDepth: 2 }));
  return fc.oneof({ weight: 4, arbitrary: fc.oneof(...choices) }, { weight: 1, arbitrary: garbage });
}

function operationsOf(doc: Json): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const pointer = `#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}`;
      out.push({ method, path, pointer, op: { ...op, parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])] } });
    }
  }
  return out;
}

interface FuzzRequest {
  url: string;
  body: unknown;
  hasBody: boolean;
}

/** A request for `operation`: path parameters from known ids or noise, query from its schema, a body from its schema. */
function requestOf(doc: Json, operation: Operation, knownIds: string[]): fc.Arbitrary<FuzzRequest> {
  const params: Json[] = operation.op.parameters.map((p: Json) => deref(doc, p));
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const pathArb = fc.record(
    Object.fromEntries(pathParams.map((p) => [p.name, fc.oneof(fc.constantFrom(...knownIds), fc.string({ minLength: 1, maxLength: 30 }))])),
  );
  const queryArb = fc.record(Object.fromEntries(queryParams.map((p) => [p.name, arbitraryFor(doc, p.schema)])), { requiredKeys: [] });
  const content = deref(doc, operation.op.requestBody)?.content?.['application/json'];
  const bodyArb = content ? arbitraryFor(doc, content.schema) : fc.constant(undefined);
  return fc.tuple(pathArb, queryArb, bodyArb).map(([path, query, body]) => {
    let url = operation.path;
    for (const [name, value] of Object.entries(path)) url = url.replace(`{${name}}`, encodeURIComponent(String(value)));
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) continue;
      search.set(name, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
    }
    const qs = search.toString();
    return { url: qs ? `${url}?${qs}` : url, body, hasBody: content !== undefined && body !== undefined };
  });
}

describeEachDialect('API fuzz run over the OpenAPI document', (dialect) => {
  const node: TestNode = suiteNode(dialect, { LINKWIRE_PLAN_PRO_DELIVERIES_24H: 'unlimited' });

  it('no 5xx, every 4xx is problem+json, every 2xx matches its declared schema — with an API key and without', async () => {
    const res = await node.request({ method: 'GET', url: '/api/v1/openapi.json' });
    assert.equal(res.status, 200);
    const doc = res.body as Json;
    const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
    ajv.addSchema(doc, 'openapi');
    const u = await node.signup();
    // Real ids, so that some generated requests reach existing resources (and their 2xx schemas).
    const link = await node.request({ method: 'POST', url: '/api/v1/links', token: u.apiKey, payload: { url: 'https://example.com/fuzz', title: 'Fuzz' } });
    const hook = await node.request({ method: 'POST', url: '/api/v1/webhooks', token: u.apiKey, payload: { url: 'http://127.0.0.1:9/fuzz', events: ['*'] } });
    const knownIds = [link.body?.id, link.body?.slug, u.handle, hook.body?.id, 'unknown', 'lnk_00000000000000000000000000'].filter(Boolean) as string[];

    const operations = operationsOf(doc);
    assert.ok(operations.length >= 30, `the document lists the API's operations (found ${operations.length})`);
    let cases = 0;
    const byClass = { '2xx': 0, '3xx': 0, '4xx': 0, validated: 0 };
    for (const operation of operations) {
      for (const token of [u.apiKey, undefined]) {
        await fc.assert(
          fc.asyncProperty(requestOf(doc, operation, knownIds), async (req) => {
            cases++;
            const reply = await node.request({
              method: operation.method.toUpperCase() as never,
              url: req.url,
              token,
              ...(req.hasBody ? { payload: req.body as never } : {}),
            });
            const where = `${operation.method.toUpperCase()} ${req.url} (${token ? 'API key' : 'no auth'}) → ${reply.status}`;
            byClass[reply.status >= 400 ? '4xx' : reply.status >= 300 ? '3xx' : '2xx']++;
            assert.ok(reply.status < 500, `${where}: ${reply.raw.slice(0, 300)}`);
            const type = String(reply.headers['content-type'] ?? '');
            const declaredTypes = Object.keys(operation.op.responses?.[String(reply.status)]?.content ?? {});
            if (reply.status >= 400 && (operation.path.startsWith('/api/') || !declaredTypes.includes('text/html'))) {
              assert.match(type, /^application\/problem\+json/, `${where}: a 4xx is problem+json`);
              assert.equal(reply.body.status, reply.status, `${where}: the problem names its status`);
              assert.equal(typeof reply.body.title, 'string', `${where}: the problem has a title`);
            } else if (reply.status >= 400) {
              // The public pages answer people: their 404/410 are HTML pages, declared as text/html.
              assert.match(type, /^text\/html/, `${where}: a public page's error is the HTML page the document declares`);
            } else if (type.startsWith('application/json') && reply.raw.length > 0) {
              const declared = operation.op.responses?.[String(reply.status)]?.content?.['application/json'];
              assert.ok(declared, `${where}: the document declares this response`);
              const pointer = `openapi${operation.pointer}/responses/${reply.status}/content/application~1json/schema`;
              const validate = ajv.getSchema(pointer) ?? ajv.compile({ $ref: pointer });
              assert.ok(validate(reply.body), `${where}: the body matches its schema: ${ajv.errorsText(validate.errors)}`);
              byClass.validated++;
            }
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
      }
    }
    // Reported in the closing note of issue 16: operations × 2 auth modes × RUNS.
    console.log(`api fuzz [${dialect}]: ${cases} requests over ${operations.length} operations: ${JSON.stringify(byClass)}`);
    // The run reached real resources, not only the validators: some answers were successes checked
    // against their schemas, and some were refusals.
    assert.ok(byClass.validated >= operations.length / 2, `2xx bodies validated: ${byClass.validated}`);
    assert.ok(byClass['4xx'] > 0);
  });
});

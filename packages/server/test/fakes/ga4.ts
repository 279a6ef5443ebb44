import type { ServerResponse } from 'node:http';
import { type FakeServer, json, parse, startFake } from './http.js';

// A fake of the GA4 Measurement Protocol (developers.google.com/analytics/devguides/collection/
// protocol/ga4/sending-events and /validating-events):
//   POST /mp/collect        always 204, whatever the body: the real one "does not return HTTP
//                           error codes, even if an event is malformed";
//   POST /debug/mp/collect  200 {"validationMessages": […]} with the documented codes for: a missing
//                           measurement_id or client_id, more than 25 events, an event name that is
//                           not [A-Za-z][A-Za-z0-9_]* up to 40 characters or uses a reserved prefix,
//                           more than 25 params, a param name breaking the same rules, a string
//                           value over 100 characters, a body of 130 kB or more.
// Like the real validation server it does not check api_secret.

export interface ValidationMessage {
  fieldPath: string;
  description: string;
  validationCode: 'VALUE_INVALID' | 'VALUE_REQUIRED' | 'NAME_INVALID' | 'NAME_RESERVED' | 'VALUE_OUT_OF_BOUNDS' | 'EXCEEDED_MAX_ENTITIES' | 'NAME_DUPLICATED';
}

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const RESERVED_PREFIXES = ['_', 'firebase_', 'ga_', 'google_'];

function checkName(kind: 'event' | 'param', name: unknown, path: string, out: ValidationMessage[]) {
  if (typeof name !== 'string' || name.length === 0) out.push({ fieldPath: path, description: `${kind} name is required.`, validationCode: 'VALUE_REQUIRED' });
  else if (RESERVED_PREFIXES.some((p) => name.startsWith(p)))
    out.push({ fieldPath: path, description: `${kind} name [${name}] uses a reserved prefix.`, validationCode: 'NAME_RESERVED' });
  else if (!NAME.test(name))
    out.push({
      fieldPath: path,
      description: `${kind} at ${path} has invalid name [${name}]. Names must start with an alphabetic character.`,
      validationCode: 'NAME_INVALID',
    });
  else if (name.length > 40)
    out.push({ fieldPath: path, description: `${kind} name [${name}] is longer than 40 characters.`, validationCode: 'VALUE_INVALID' });
}

/** The validation server's verdict on a request (also applied to every /mp/collect request the tests inspect). */
export function validateGa4(query: URLSearchParams, body: string): ValidationMessage[] {
  const out: ValidationMessage[] = [];
  if (!query.get('measurement_id')) out.push({ fieldPath: 'measurement_id', description: 'measurement_id is required.', validationCode: 'VALUE_REQUIRED' });
  if (Buffer.byteLength(body) >= 130_000)
    out.push({ fieldPath: 'body', description: 'The request body is 130 kB or more.', validationCode: 'VALUE_OUT_OF_BOUNDS' });
  const payload = parse(body);
  if (!payload || typeof payload !== 'object') {
    out.push({ fieldPath: 'body', description: 'Unable to parse the request body as JSON.', validationCode: 'VALUE_INVALID' });
    return out;
  }
  if (typeof payload.client_id !== 'string' || payload.client_id === '')
    out.push({ fieldPath: 'client_id', description: 'client_id is required.', validationCode: 'VALUE_REQUIRED' });
  const events: unknown = payload.events;
  if (!Array.isArray(events) || events.length === 0) {
    out.push({ fieldPath: 'events', description: 'At least one event is required.', validationCode: 'VALUE_REQUIRED' });
    return out;
  }
  if (events.length > 25)
    out.push({ fieldPath: 'events', description: `${events.length} events exceed the maximum of 25.`, validationCode: 'EXCEEDED_MAX_ENTITIES' });
  events.forEach((event: any, i) => {
    checkName('event', event?.name, `events[${i}].name`, out);
    const params = event?.params ?? {};
    const names = Object.keys(params);
    if (names.length > 25)
      out.push({ fieldPath: `events[${i}].params`, description: `${names.length} params exceed the maximum of 25.`, validationCode: 'EXCEEDED_MAX_ENTITIES' });
    for (const name of names) {
      checkName('param', name, `events[${i}].params.${name}`, out);
      const value = params[name];
      if (typeof value === 'string' && value.length > 100)
        out.push({
          fieldPath: `events[${i}].params.${name}`,
          description: `Value of param [${name}] is longer than 100 characters.`,
          validationCode: 'VALUE_INVALID',
        });
    }
  });
  return out;
}

export interface FakeGa4 extends FakeServer {
  /** The /mp/collect requests, parsed. */
  collected(): Array<{ query: URLSearchParams; body: any; raw: string }>;
}

export async function startFakeGa4(): Promise<FakeGa4> {
  const server = await startFake((req, res: ServerResponse) => {
    if (req.method !== 'POST') return json(res, 405, {});
    if (req.path === '/mp/collect') {
      res.writeHead(204);
      return res.end();
    }
    if (req.path === '/debug/mp/collect') return json(res, 200, { validationMessages: validateGa4(req.query, req.body) });
    json(res, 404, {});
  });
  return {
    ...server,
    collected: () => server.requests.filter((r) => r.path === '/mp/collect').map((r) => ({ query: r.query, body: parse(r.body), raw: r.body })),
  };
}

import type { ServerResponse } from 'node:http';
import { type FakeServer, json, parse, startFake } from './http.js';

// A fake of Segment's HTTP Tracking API (segment.com/docs/connections/sources/catalog/libraries/
// server/http-api): Basic auth with the write key as user and an empty password ("include a
// colon"), 401 otherwise; /v1/track and /v1/batch; 400 when a batch exceeds 500 KB, an event 32 KB,
// or a call lacks `type`/`event` (track), `messageId`, or both userId and anonymousId; else 200
// {"success": true}.

export const SEGMENT_BATCH_LIMIT = 500 * 1024;
export const SEGMENT_EVENT_LIMIT = 32 * 1024;

function callProblem(call: any, single: boolean): string | null {
  if (!call || typeof call !== 'object') return 'a call must be an object';
  if (Buffer.byteLength(JSON.stringify(call)) > SEGMENT_EVENT_LIMIT) return 'event exceeds 32KB';
  if (!single && typeof call.type !== 'string') return 'type is required in a batch';
  if ((call.type ?? 'track') === 'track' && typeof call.event !== 'string') return 'event is required';
  if (!call.userId && !call.anonymousId) return 'userId or anonymousId is required';
  return null;
}

export async function startFakeSegment(writeKey: string): Promise<FakeServer> {
  const expected = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
  return startFake((req, res: ServerResponse) => {
    if (req.method !== 'POST') return json(res, 405, {});
    if (req.headers.authorization !== expected) return json(res, 401, { success: false, message: 'Invalid write key' });
    const body = parse(req.body);
    if (req.path === '/v1/batch') {
      if (Buffer.byteLength(req.body) > SEGMENT_BATCH_LIMIT) return json(res, 400, { success: false, message: 'batch exceeds 500KB' });
      if (!body || !Array.isArray(body.batch)) return json(res, 400, { success: false, message: 'batch must be an array' });
      for (const call of body.batch) {
        const problem = callProblem(call, false);
        if (problem) return json(res, 400, { success: false, message: problem });
      }
      return json(res, 200, { success: true });
    }
    if (req.path === '/v1/track') {
      const problem = callProblem(body, true);
      return problem ? json(res, 400, { success: false, message: problem }) : json(res, 200, { success: true });
    }
    json(res, 404, { success: false });
  });
}

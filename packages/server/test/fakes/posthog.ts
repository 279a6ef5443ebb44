import type { ServerResponse } from 'node:http';
import { type FakeServer, json, parse, startFake } from './http.js';

// A fake of PostHog's capture API (posthog.com/docs/api/capture): the project API key travels in
// the body (`api_key`); /i/v0/e/ takes one event, /batch/ takes {api_key, historical_migration?,
// batch: […]} under 20 MB. 400 when api_key is missing or an event lacks `event` or `distinct_id`,
// 401 for a key that is not the project's, else 200 {"status": 1}.

function eventProblem(event: any): string | null {
  if (!event || typeof event !== 'object') return 'an event must be an object';
  if (typeof event.event !== 'string' || !event.event) return 'event is required';
  if (event.distinct_id === undefined || event.distinct_id === null || event.distinct_id === '') return 'distinct_id is required';
  return null;
}

export async function startFakePosthog(apiKey: string): Promise<FakeServer> {
  return startFake((req, res: ServerResponse) => {
    if (req.method !== 'POST') return json(res, 405, {});
    const body = parse(req.body);
    if (Buffer.byteLength(req.body) > 20 * 1024 * 1024) return json(res, 413, { type: 'validation_error', detail: 'payload too large' });
    if (!body || typeof body.api_key !== 'string' || !body.api_key) return json(res, 400, { type: 'validation_error', detail: 'api_key is required' });
    if (body.api_key !== apiKey) return json(res, 401, { type: 'authentication_error', code: 'invalid_api_key', detail: 'Project API key invalid.' });
    if (req.path === '/batch/') {
      if (!Array.isArray(body.batch)) return json(res, 400, { type: 'validation_error', detail: 'batch must be an array' });
      for (const event of body.batch) {
        const problem = eventProblem(event);
        if (problem) return json(res, 400, { type: 'validation_error', detail: problem });
      }
      return json(res, 200, { status: 1 });
    }
    if (req.path === '/i/v0/e/') {
      const problem = eventProblem(body);
      return problem ? json(res, 400, { type: 'validation_error', detail: problem }) : json(res, 200, { status: 1 });
    }
    json(res, 404, {});
  });
}

// linkwire replay --webhook <id> --since <iso> [--until <iso>] [--status failed|all]: queues an
// endpoint's deliveries again, as POST /webhooks/{id}/replay does, for an operator without a key.
import { parseArgs } from 'node:util';
import { replay } from '../delivery/history.js';
import { endpointById } from '../webhooks/service.js';
import { fail, withContext } from './common.js';

export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { webhook: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, status: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (!values.webhook || !values.since) fail('replay needs --webhook <id> and --since <ISO time>');
  const since = Date.parse(values.since);
  const until = values.until ? Date.parse(values.until) : Date.now();
  if (Number.isNaN(since)) fail('--since must be an ISO 8601 time such as 2026-03-25T14:00:00Z');
  if (Number.isNaN(until)) fail('--until must be an ISO 8601 time such as 2026-03-25T18:00:00Z');
  const status = values.status ?? 'failed';
  if (status !== 'failed' && status !== 'all') fail('--status must be failed or all');
  await withContext(async (ctx) => {
    const endpoint = await endpointById(ctx, values.webhook!);
    if (!endpoint) fail(`no webhook "${values.webhook}"`);
    const result = await replay(ctx, endpoint.accountId, endpoint.id, { since, until, status });
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else
      process.stdout.write(
        `Queued ${result.queued} deliveries of ${endpoint.id} again${result.overQuota ? ` (${result.overQuota} left out: 24-hour quota)` : ''}.\n`,
      );
  });
}

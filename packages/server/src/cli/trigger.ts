// linkwire trigger <eventType> --account … [--count N]: emits sample events (to try endpoints or
// fill a backlog), with a progress line on a terminal.
import { parseArgs } from 'node:util';
import { findAccount } from '../accounts/service.js';
import { inTransaction } from '../db/transaction.js';
import { EVENT_TYPES, EXAMPLES, isEventType } from '../events/catalog.js';
import { fail, withContext } from './common.js';

/** Events per transaction: the same group commit the click path uses. */
const BATCH = 1000;

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { account: { type: 'string' }, count: { type: 'string' }, json: { type: 'boolean' } },
  });
  const type = positionals[0];
  if (!type || !isEventType(type)) fail(`trigger needs an event type, one of:\n  ${EVENT_TYPES.join('\n  ')}`);
  if (!values.account) fail('trigger needs --account <id|handle|email>');
  const count = Number(values.count ?? '1');
  if (!Number.isInteger(count) || count < 1 || count > 10_000_000) fail('--count must be a whole number from 1 to 10000000');
  await withContext(async (ctx) => {
    const account = await findAccount(ctx, values.account!);
    if (!account) fail(`no account "${values.account}"`);
    let emitted = 0;
    let deliveries = 0;
    const started = Date.now();
    const progress = !values.json && process.stderr.isTTY && count >= BATCH;
    while (emitted < count) {
      const n = Math.min(BATCH, count - emitted);
      const inputs = Array.from({ length: n }, () => ({ accountId: account.id, type, data: EXAMPLES[type] }));
      const events = await inTransaction(ctx.db, (tx) => ctx.outbox.emitMany(tx, inputs));
      for (const e of events) deliveries += e.deliveries;
      emitted += n;
      if (progress) {
        const pct = Math.floor((emitted / count) * 100);
        process.stderr.write(`\r  ${String(pct).padStart(3)}%  ${emitted}/${count} events, ${deliveries} deliveries queued`);
      }
    }
    if (progress) process.stderr.write('\n');
    const summary = { type, account: account.id, events: emitted, deliveries, ms: Date.now() - started };
    if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
    else process.stdout.write(`Emitted ${emitted} × ${type} for @${account.handle}: ${deliveries} deliveries queued (${summary.ms} ms).\n`);
  });
}

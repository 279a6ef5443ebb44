// linkwire account create | plan | list: accounts from the command line (no HTTP, no rate limit).
import { parseArgs } from 'node:util';
import { changePlan, findAccount, listAccounts, signup } from '../accounts/service.js';
import { isPlanName } from '../accounts/plans.js';
import { PLAN_NAMES, type PlanName } from '../config.js';
import { fail, withContext } from './common.js';

export async function run(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'create') return create(rest);
  if (sub === 'plan') return plan(rest);
  if (sub === 'list') return list(rest);
  fail('account needs a subcommand: create, plan or list');
}

async function create(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, password: { type: 'string' }, handle: { type: 'string' }, plan: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (!values.email || !values.password || !values.handle) fail('account create needs --email, --password and --handle');
  if (values.plan && !isPlanName(values.plan)) fail(`--plan must be one of ${PLAN_NAMES.join(', ')}`);
  const result = await withContext((ctx) =>
    signup(ctx, { email: values.email!, password: values.password!, handle: values.handle!, plan: values.plan as PlanName | undefined }),
  );
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(`Created ${result.account.id} (@${result.account.handle}, ${result.account.plan}).\nAPI key (shown once): ${result.apiKey}\n`);
}

async function plan(args: string[]) {
  const [who, plan] = args;
  if (!who || !plan) fail('account plan needs <account> <plan>');
  if (!isPlanName(plan)) fail(`plan must be one of ${PLAN_NAMES.join(', ')}`);
  await withContext(async (ctx) => {
    const account = await findAccount(ctx, who);
    if (!account) fail(`no account "${who}" (give an id, handle or email)`);
    const r = await changePlan(ctx, account.id, plan as PlanName);
    process.stdout.write(r.changed ? `@${account.handle}: ${r.fromPlan} → ${r.toPlan}\n` : `@${account.handle} is already on ${plan}.\n`);
  });
}

async function list(args: string[]) {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } });
  await withContext(async (ctx) => {
    const views = await listAccounts(ctx);
    if (values.json) process.stdout.write(`${JSON.stringify(views)}\n`);
    else if (views.length === 0) process.stdout.write('No accounts yet. Create one with: linkwire account create --email … --password … --handle …\n');
    else for (const a of views) process.stdout.write(`${a.id}  @${a.handle.padEnd(20)} ${a.plan.padEnd(9)} ${a.email}\n`);
  });
}

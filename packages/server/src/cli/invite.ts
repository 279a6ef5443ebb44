// linkwire invite create: invite someone to an account from the command line (no HTTP, no rate limit).
import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../accounts/permissions.js';
import { findAccount } from '../accounts/service.js';
import { SYSTEM_ACTOR } from '../audit/record.js';
import { accountOwner, createInvite } from '../teams/service.js';
import { fail, withContext } from './common.js';

export async function run(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'create') return create(rest);
  fail('invite needs a subcommand: create');
}

async function create(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { account: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (!values.account || !values.email || !values.role) fail('invite create needs --account, --email and --role');
  if (!isRole(values.role)) fail(`--role must be one of ${ROLES.join(', ')}`);
  const role = values.role;
  const invite = await withContext(async (ctx) => {
    const account = await findAccount(ctx, values.account!);
    if (!account) fail(`no account "${values.account}" (give an id, handle or email)`);
    // The CLI acts for the account's first owner (the invite's "invited by"); the audit row says system.
    const owner = await accountOwner(ctx, account.id);
    return createInvite(ctx, account.id, { memberId: owner, role: 'owner', actor: SYSTEM_ACTOR }, { email: values.email!, role });
  });
  if (values.json) process.stdout.write(`${JSON.stringify(invite)}\n`);
  else
    process.stdout.write(
      `Invited ${invite.email} as ${invite.role} (${invite.memberId}, expires ${invite.expiresAt}).\nAccept link (works once): ${invite.acceptUrl}\n`,
    );
}

#!/usr/bin/env node
// The `linkwire` bin (dist/cli.js): reads ./.env, picks the command and runs its file in cli/.
// A command's file is imported only when it runs, so `linkwire migrate` does not load the HTTP
// server and `linkwire start` does not load the CLI's account tools.
import dotenv from 'dotenv';
import { UsageError } from './cli/common.js';
import { ConfigError } from './config.js';
import { AppError } from './http/errors.js';

const USAGE = `Usage: linkwire <command> [options]

Commands:
  start [--dev] [--role all|api|worker]     run the API, public pages, dashboard and/or delivery worker
  migrate                                   apply database migrations and exit
  account create --email E --password P --handle H [--plan free|pro|business] [--json]
  account plan <account> <free|pro|business>   change a plan (emits account.upgraded/downgraded)
  account list [--json]
  trigger <eventType> --account <id|handle|email> [--count N] [--json]
                                            emit sample events (try your endpoints, fill a backlog)
  listen --forward-to URL [--events t1,t2] [--url URL] [--api-key KEY] [--allow-external] [--print-secret]
                                            receive the account's events on this machine, signed and
                                            forwarded to a local URL (LINKWIRE_URL, LINKWIRE_API_KEY)
  replay --webhook <id> --since <iso> [--until <iso>] [--status failed|all] [--json]
                                            queue an endpoint's failed (or all) deliveries again
  invite create --account <id|handle|email> --email E --role owner|admin|editor|viewer [--json]
                                            invite a member; prints the one-time accept link

Configuration comes from environment variables (and ./.env); see README.md.`;

const COMMANDS: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  start: () => import('./cli/start.js'),
  migrate: () => import('./cli/migrate.js'),
  account: () => import('./cli/account.js'),
  trigger: () => import('./cli/trigger.js'),
  replay: () => import('./cli/replay.js'),
  listen: () => import('./cli/listen.js'),
  invite: () => import('./cli/invite.js'),
};

async function main(argv: string[]) {
  dotenv.config({ quiet: true });
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) throw new UsageError(`unknown command "${command}"`);
  await (await load()).run(args);
}

main(process.argv.slice(2)).catch((err) => {
  if (err instanceof UsageError) process.stderr.write(`linkwire: ${err.message}\n\n${USAGE}\n`);
  else if (err instanceof ConfigError) process.stderr.write(`linkwire: ${err.message}\n`);
  else if (err instanceof AppError) {
    const fields = err.extra.errors?.map((e) => `\n  ${e.field}: ${e.message}`).join('') ?? '';
    process.stderr.write(`linkwire: ${err.message}${fields}\n`);
  } else process.stderr.write(`linkwire: ${(err as Error).stack ?? err}\n`);
  process.exit(err instanceof UsageError || err instanceof ConfigError || err instanceof AppError ? 2 : 1);
});

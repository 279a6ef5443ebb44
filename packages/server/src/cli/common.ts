// What the commands share: usage errors, the configuration from the environment, a context for
// one-shot commands.
import { type Config, loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { createContext } from '../context.js';

/** A wrong command line: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

export function fail(message: string): never {
  throw new UsageError(message);
}

/** The environment (and ./.env, loaded by cli.ts), with the command line's overrides on top. */
export function configFrom(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig({ ...process.env, ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) });
}

/** Opens the database for one command and closes it after; logs only warnings unless LOG_LEVEL says otherwise. */
export async function withContext<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = configFrom({ LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const ctx = await createContext(config);
  try {
    return await fn(ctx);
  } finally {
    await ctx.database.close();
  }
}

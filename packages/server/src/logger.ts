import type { FastifyBaseLogger } from 'fastify';
import { pino, type Logger } from 'pino';

// Secrets never reach a log line: credentials, cookies, signing secrets, passwords, API keys.
const SECRET_FIELDS = ['password', 'secret', 'apiKey', 'key', 'token', 'sessionToken', 'authorization'];
// Each field at the top level of a log object and one level down (pino's `*.x` matches only nested keys).
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
];

export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { pid: process.pid },
  });
}

type LogMethod = (...args: unknown[]) => void;

/** A request's child logger (with its reqId binding), created by the first call that logs. */
class LazyRequestLogger {
  private real: FastifyBaseLogger | undefined;
  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Record<string, unknown>,
    private readonly opts: { level?: string },
  ) {}
  private get log(): FastifyBaseLogger {
    this.real ??= this.parent.child(this.bindings, this.opts);
    return this.real;
  }
  get level(): string {
    return this.real ? this.real.level : (this.opts.level ?? this.parent.level);
  }
  set level(level: string) {
    this.log.level = level;
  }
  fatal(...args: unknown[]) {
    const log = this.log;
    (log.fatal as LogMethod).apply(log, args);
  }
  error(...args: unknown[]) {
    const log = this.log;
    (log.error as LogMethod).apply(log, args);
  }
  warn(...args: unknown[]) {
    const log = this.log;
    (log.warn as LogMethod).apply(log, args);
  }
  info(...args: unknown[]) {
    const log = this.log;
    (log.info as LogMethod).apply(log, args);
  }
  debug(...args: unknown[]) {
    const log = this.log;
    (log.debug as LogMethod).apply(log, args);
  }
  trace(...args: unknown[]) {
    const log = this.log;
    (log.trace as LogMethod).apply(log, args);
  }
  silent(...args: unknown[]) {
    const log = this.log;
    (log.silent as LogMethod).apply(log, args);
  }
  child(bindings: Record<string, unknown>, opts?: Record<string, unknown>): FastifyBaseLogger {
    return this.log.child(bindings, opts);
  }
}

/** Fastify childLoggerFactory: a request's child logger exists only once the request logs. */
export function lazyChildLogger(logger: FastifyBaseLogger, bindings: Record<string, unknown>, opts: { level?: string }): FastifyBaseLogger {
  return new LazyRequestLogger(logger, bindings, opts) as unknown as FastifyBaseLogger;
}

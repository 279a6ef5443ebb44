import { pino, type Logger } from 'pino';

// Secrets never reach a log line: credentials, cookies, signing secrets, passwords, API keys.
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.apiKey',
  '*.key',
  '*.token',
  '*.sessionToken',
];

export function createLogger(level: string, opts: { pretty?: boolean } = {}): Logger {
  return pino({
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    base: { pid: process.pid },
    ...(opts.pretty ? {} : {}),
  });
}

import pino, { type Logger } from 'pino';

export type { Logger };

/** Paths that may hold secrets anywhere in a log object; pino replaces their values. */
const redactPaths = [
  'password',
  '*.password',
  'passwordHash',
  '*.passwordHash',
  'token',
  '*.token',
  'req.headers.cookie',
  'req.headers.authorization',
  'headers.cookie',
  'DATABASE_URL',
  'REDIS_URL',
  '*.DATABASE_URL',
  '*.REDIS_URL',
];

export function createLogger(level: string, name = 'rounds-server'): Logger {
  return pino({ name, level, redact: { paths: redactPaths, censor: '[redacted]' } });
}

import pino, { type DestinationStream, type Logger } from 'pino';

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

/** Structured JSON logs with ids as fields; `destination` lets tests read what was logged. */
export function createLogger(level: string, destination?: DestinationStream, name = 'rounds-server'): Logger {
  return pino({ name, level, redact: { paths: redactPaths, censor: '[redacted]' } }, destination);
}

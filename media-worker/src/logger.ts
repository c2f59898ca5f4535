import pino, { type Logger } from 'pino';

export type { Logger };

/** REDIS_URL may hold a password; pino replaces it wherever it appears in a log object. */
const redactPaths = ['REDIS_URL', '*.REDIS_URL'];

export function createLogger(level: string, name = 'rounds-media-worker'): Logger {
  return pino({ name, level, redact: { paths: redactPaths, censor: '[redacted]' } });
}

import type { z } from 'zod';

/** A setting that is missing or wrong; the message names the variable. */
export class ConfigError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment variables `keys` against `schema` (the server's and media-worker's
 * config). Only those keys are read, and an empty value counts as unset (as docker-compose's
 * `VAR=` means). The first problem becomes a ConfigError; values of `secretKeys` are never echoed.
 */
export function readEnv<S extends z.ZodTypeAny>(
  schema: S,
  keys: readonly string[],
  env: Record<string, string | undefined>,
  secretKeys: readonly string[],
): z.infer<S> {
  const known = Object.fromEntries(keys.map((key) => [key, env[key] === '' ? undefined : env[key]]));
  const result = schema.safeParse(known);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const variable = String(issue.path[0] ?? 'configuration');
  const shown = secretKeys.includes(variable) ? '' : ` (got ${JSON.stringify(known[variable])})`;
  throw new ConfigError(variable, `${issue.message.toLowerCase()}${shown}`);
}

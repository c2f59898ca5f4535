import { RoundsError } from '@rounds/shared';
import type { z } from 'zod';

/**
 * Validates a REST body against its shared schema. Failure is `request.invalid` with a message per
 * field (the first problem of each), which forms show next to the field.
 */
export function parseBody<S extends z.ZodTypeAny>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || 'body';
    fields[key] ??= issue.message;
  }
  const first = Object.values(fields)[0]!;
  throw new RoundsError('request.invalid', first, fields);
}

import { ApiError } from '../../api/http';
import { fieldErrorsOf } from '../../api/organize';

/** The shape of a shared zod body schema, as far as a form needs it (no zod import in the client). */
export interface BodySchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** What a failed save shows: a sentence for the summary and messages for the fields. */
export interface FormFailure {
  title: string;
  fields: Record<string, string>;
}

export const checkFieldsTitle = 'Some answers need a change before this can be saved.';

/** Checks a draft against the same schema the server uses, so most messages show without a round trip. */
export function validate<T>(schema: BodySchema<T>, value: unknown): { ok: true; data: T } | { ok: false; failure: FormFailure } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? 'form');
    fields[name] ??= issue.message;
  }
  return { ok: false, failure: { title: checkFieldsTitle, fields } };
}

/** Turns any thrown error into what the form shows; server messages keep their field names. */
export function failureOf(error: unknown): FormFailure {
  const fields = fieldErrorsOf(error);
  if (!(error instanceof ApiError)) return { title: 'That could not be saved. Try again.', fields };
  if (error.code === 'request.invalid') return { title: checkFieldsTitle, fields };
  if (error.code === 'program.conflict' && Object.keys(fields).length === 0) return { title: error.message || error.advice, fields };
  if (error.code === 'auth.forbidden') return { title: 'Only organizers of this conference can change it.', fields };
  return { title: error.advice, fields };
}

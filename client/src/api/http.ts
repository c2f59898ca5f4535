import { errorCodes, isErrorCode, type ErrorCode } from '@rounds/shared';

/** An API or signalling failure, with a sentence a person can act on and, for forms, per-field messages. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  /** Messages written for a form, keyed by payload field (`email`: "An account with this email already exists."). */
  readonly fields: Readonly<Record<string, string>>;

  constructor(code: ErrorCode, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.code = code;
    this.fields = fields;
  }

  /** What to show on screen: the shared catalogue's sentence for the code, never the raw code. */
  get advice(): string {
    return errorCodes[this.code];
  }
}

/** The on-screen sentence for any failure, API or not. */
export function adviceFor(error: unknown, fallback = 'That did not work. Try again.'): string {
  return error instanceof ApiError ? error.advice : fallback;
}

export function toApiError(body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | undefined)?.error;
  const code = isErrorCode(error?.code) ? error.code : 'server.internal';
  const fields: Record<string, string> = {};
  if (error?.fields && typeof error.fields === 'object') {
    for (const [name, text] of Object.entries(error.fields)) if (typeof text === 'string') fields[name] = text;
  }
  return new ApiError(code, typeof error?.message === 'string' ? error.message : errorCodes[code], fields);
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Calls the REST API; resolves with `data` or throws an ApiError. The session cookie rides along. */
export async function api<T>(path: string, init: { method?: HttpMethod; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError('server.unavailable', 'The server cannot be reached. Check your connection.');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok || (body as { ok?: boolean } | undefined)?.ok !== true) throw toApiError(body);
  return (body as { data: T }).data;
}

/** Path segments are ids and tokens from the URL: encode them so a pasted link cannot change the path. */
export const segment = encodeURIComponent;

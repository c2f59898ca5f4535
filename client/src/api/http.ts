import { errorCodes, isErrorCode, type ErrorCode } from '@rounds/shared';

/** An API or signalling failure, with a sentence a person can act on. */
export class ApiError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }

  /** What to show on screen: the shared catalogue's sentence for the code, never the raw code. */
  get advice(): string {
    return errorCodes[this.code];
  }
}

export function toApiError(body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = isErrorCode(error?.code) ? error.code : 'server.internal';
  return new ApiError(code, typeof error?.message === 'string' ? error.message : errorCodes[code]);
}

/** Calls the REST API; resolves with `data` or throws an ApiError. The session cookie rides along. */
export async function api<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown } = {}): Promise<T> {
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

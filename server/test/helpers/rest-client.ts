import { hash } from '@node-rs/argon2';
import type { Ack, Identity } from '@rounds/shared';
import type { TestPlatform } from './test-platform';

/** One answer of the REST API, as the tests look at it. */
export interface Reply<T> {
  status: number;
  body: Ack<T>;
  /** The raw Set-Cookie header, if any. */
  setCookie: string | null;
  /** `name=value` of the Set-Cookie header, ready to send back. */
  cookie: string | undefined;
}

export interface RequestOptions {
  cookie?: string;
  body?: unknown;
}

/** The data of a successful reply; throws with the reply when it is not one. */
export function data<T>(reply: Reply<T>): T {
  if (!reply.body.ok) throw new Error(`expected success, got ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.data;
}

/** Expects a refusal with exactly this status and code (and these field messages, when given). */
export function expectError(reply: Reply<unknown>, status: number, code: string, fields?: Record<string, unknown>): void {
  expect(reply.status).toBe(status);
  expect(reply.body).toEqual({ ok: false, error: { code, message: expect.any(String), ...(fields && { fields }) } });
}

export interface RestClient {
  /** Sends a JSON request (with the session cookie, if given) and reads the JSON reply. */
  api<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<Reply<T>>;
  data: typeof data;
  expectError: typeof expectError;
  /** Registers an account through the API; it comes back signed in. */
  register(body: { email: string; password: string; name: string }): Promise<{ identity: Identity; cookie: string }>;
}

/**
 * A client of the REST API at `baseUrl`. Pass a function when the server starts later
 * (in `beforeAll`), so the client can be made where the test's helpers are declared.
 */
export function restClient(baseUrl: string | (() => string)): RestClient {
  const urlOf = typeof baseUrl === 'string' ? () => baseUrl : baseUrl;

  async function api<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<Reply<T>> {
    const response = await fetch(`${urlOf()}${path}`, {
      method,
      headers: { ...(options.body !== undefined && { 'content-type': 'application/json' }), ...(options.cookie && { cookie: options.cookie }) },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const setCookie = response.headers.get('set-cookie');
    return { status: response.status, body: (await response.json()) as Ack<T>, setCookie, cookie: setCookie?.split(';')[0] };
  }

  async function register(body: { email: string; password: string; name: string }): Promise<{ identity: Identity; cookie: string }> {
    const reply = await api<Identity>('POST', '/api/auth/register', { body });
    return { identity: data(reply), cookie: reply.cookie! };
  }

  return { api, data, expectError, register };
}

/** A fresh account straight in the database (for tests of modules other than registration), signed in. */
export async function createSignedInUser(t: TestPlatform, account: { email: string; password: string; name: string }): Promise<{ userId: string; cookie: string }> {
  const { email, password, name } = account;
  const { id: userId } = await t.platform.database.db
    .insertInto('users')
    .values({ email, name, passwordHash: await hash(password) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const signIn = await restClient(t.url).api('POST', '/api/auth/sign-in', { body: { email, password } });
  expect(signIn.status).toBe(200);
  return { userId, cookie: signIn.cookie! };
}

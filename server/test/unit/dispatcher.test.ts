import { randomUUID } from 'node:crypto';
import {
  RoundsError,
  errorCodes,
  maxRequestBytes,
  requests,
  type Permission,
  type RateLimit,
  type RequestName,
  type RequestResponse,
} from '@rounds/shared';
import type { Access, Authorizer, Scope } from '../../src/auth/access-policy';
import type { Identity } from '../../src/auth/auth-service';
import type { RateLimits } from '../../src/signalling/rate-limiter';
import { Dispatcher, type Connection, type Handler, type HandlerMap, type RequestContext } from '../../src/signalling/dispatcher';
import { capturingLogger } from '../helpers/log-capture';

/** Grants or refuses by a verdict the test sets, and remembers what it was asked. */
class FakeAuthorizer implements Authorizer {
  readonly asked: { identity: Identity | undefined; permission: Permission; sessionId: string | undefined }[] = [];
  verdict: Access | Error = { conferenceId: randomUUID(), roles: ['attendee'], isCrew: false };

  async authorize(identity: Identity | undefined, permission: Permission, scope: Scope): Promise<Access> {
    this.asked.push({ identity, permission, sessionId: scope.sessionId });
    if (this.verdict instanceof Error) throw this.verdict;
    return this.verdict;
  }
}

/** Counts what it is asked to count, and refuses everything once `full` is set. */
class FakeRateLimits implements RateLimits {
  readonly taken: { userId: string; limit: RateLimit }[] = [];
  full = false;

  async take(userId: string, limit: RateLimit): Promise<void> {
    this.taken.push({ userId, limit });
    if (this.full) throw new RoundsError('qa.rateLimited', 'At most 3 per 30 s; wait 12 s');
  }
}

/** A handler for every request in the catalogue; each records its call and then does what `behaviour` says. */
function fakeHandlers() {
  const calls: { name: RequestName; payload: unknown; ctx: RequestContext }[] = [];
  const state = { behaviour: async (): Promise<unknown> => ({}) };
  const handle =
    <N extends RequestName>(name: N): Handler<N> =>
    async (payload, ctx) => {
      calls.push({ name, payload, ctx });
      return (await state.behaviour()) as RequestResponse<N>;
    };
  const handlers = Object.fromEntries((Object.keys(requests) as RequestName[]).map((name) => [name, handle(name)])) as HandlerMap;
  return { handlers, calls, state };
}

describe('Dispatcher', () => {
  const identity: Identity = { userId: randomUUID(), email: 'attendee@example.test', name: 'Ada Attendee' };
  const sessionId = randomUUID();
  let access: FakeAuthorizer;
  let limits: FakeRateLimits;
  let fakes: ReturnType<typeof fakeHandlers>;
  let log: ReturnType<typeof capturingLogger>;
  let dispatcher: Dispatcher;
  let connection: Connection & { groups: string[] };

  beforeEach(() => {
    access = new FakeAuthorizer();
    limits = new FakeRateLimits();
    fakes = fakeHandlers();
    log = capturingLogger('info');
    dispatcher = new Dispatcher(fakes.handlers, access, limits, log.logger);
    const groups: string[] = [];
    connection = {
      id: 'connection-1',
      identity,
      groups,
      joinGroup: (group) => void groups.push(group),
      leaveGroup: (group) => void groups.splice(groups.indexOf(group), 1),
    };
  });

  const linesAt = (level: number) => log.lines.filter((l) => l.level === level);

  test('a valid, permitted request reaches its handler with the parsed payload and the access granted', async () => {
    access.verdict = { conferenceId: randomUUID(), roles: ['speaker'], isCrew: true };
    fakes.state.behaviour = async () => ({ stopped: true });

    const ack = await dispatcher.dispatch('stage.stopPresenting', { sessionId }, connection);

    expect(ack).toEqual({ ok: true, data: { stopped: true } });
    expect(access.asked).toEqual([{ identity, permission: { kind: 'stageCrew' }, sessionId }]);
    expect(fakes.calls).toHaveLength(1);
    const [{ name, payload, ctx }] = fakes.calls as [(typeof fakes.calls)[number]];
    expect(name).toBe('stage.stopPresenting');
    expect(payload).toEqual({ sessionId });
    expect(ctx).toMatchObject({ identity, access: access.verdict, connectionId: 'connection-1' });
    ctx.joinGroup('stage:x');
    expect(connection.groups).toEqual(['stage:x']);
  });

  test('an unknown event gets request.unknownEvent without asking for permission or calling a handler', async () => {
    const ack = await dispatcher.dispatch('stage.teleport', { sessionId }, connection);
    expect(ack).toEqual({ ok: false, error: { code: 'request.unknownEvent', message: 'Unknown request "stage.teleport"' } });
    expect(access.asked).toEqual([]);
    expect(fakes.calls).toEqual([]);
    expect(linesAt(40)).toEqual([
      expect.objectContaining({ msg: 'request refused', code: 'request.unknownEvent', event: 'stage.teleport', connectionId: 'connection-1' }),
    ]);
  });

  test('an event named after an Object.prototype member is unknown, not a crash', async () => {
    const ack = await dispatcher.dispatch('constructor', {}, connection);
    expect(ack).toMatchObject({ ok: false, error: { code: 'request.unknownEvent' } });
  });

  test('an invalid payload gets request.invalid naming the field, before any permission check', async () => {
    const ack = await dispatcher.dispatch('stage.join', { sessionId: 'not-a-uuid' }, connection);
    expect(ack).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
    expect(!ack.ok && ack.error.message).toMatch(/^sessionId: /);
    expect(await dispatcher.dispatch('stage.join', undefined, connection)).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
    expect(access.asked).toEqual([]);
    expect(fakes.calls).toEqual([]);
  });

  test('a payload over the size limit gets request.tooLarge, even when it would also be invalid', async () => {
    const ack = await dispatcher.dispatch('stage.join', { sessionId: 'nope', padding: 'x'.repeat(maxRequestBytes) }, connection);
    expect(ack).toMatchObject({ ok: false, error: { code: 'request.tooLarge' } });
    expect(fakes.calls).toEqual([]);
  });

  test('a payload that is not plain JSON (circular) is invalid', async () => {
    const circular: Record<string, unknown> = { sessionId };
    circular.self = circular;
    expect(await dispatcher.dispatch('stage.join', circular, connection)).toEqual({
      ok: false,
      error: { code: 'request.invalid', message: 'The payload is not plain JSON' },
    });
    expect(fakes.calls).toEqual([]);
  });

  test('a refusal by the access policy keeps its code and the handler is not called', async () => {
    access.verdict = new RoundsError('auth.forbidden');
    const ack = await dispatcher.dispatch('stage.stopPresenting', { sessionId }, connection);
    expect(ack).toEqual({ ok: false, error: { code: 'auth.forbidden', message: errorCodes['auth.forbidden'] } });
    expect(fakes.calls).toEqual([]);
  });

  test('a rate-limited request counts against its limit for the caller; an unlimited one counts nothing', async () => {
    await dispatcher.dispatch('qa.ask', { sessionId, text: 'Is lactate clearance enough?', anonymous: false }, connection);
    await dispatcher.dispatch('qa.withdraw', { sessionId, questionId: randomUUID() }, connection);
    await dispatcher.dispatch('stage.join', { sessionId }, connection);
    expect(limits.taken).toEqual([
      { userId: identity.userId, limit: requests['qa.ask'].rateLimit },
      { userId: identity.userId, limit: requests['qa.withdraw'].rateLimit },
    ]);
    expect(requests['qa.withdraw'].rateLimit.bucket).toBe(requests['qa.edit'].rateLimit.bucket);
    expect(fakes.calls.map((call) => call.name)).toEqual(['qa.ask', 'qa.withdraw', 'stage.join']);
  });

  test('over its limit, a request gets qa.rateLimited and the handler is not called', async () => {
    limits.full = true;
    const ack = await dispatcher.dispatch('chat.send', { sessionId, text: 'Again' }, connection);
    expect(ack).toEqual({ ok: false, error: { code: 'qa.rateLimited', message: 'At most 3 per 30 s; wait 12 s' } });
    expect(fakes.calls).toEqual([]);
  });

  test('a request both refused and over its limit gets the refusal', async () => {
    limits.full = true;
    access.verdict = new RoundsError('auth.forbidden');
    const ack = await dispatcher.dispatch('qa.vote', { sessionId, questionId: randomUUID(), voted: true }, connection);
    expect(ack).toEqual({ ok: false, error: { code: 'auth.forbidden', message: errorCodes['auth.forbidden'] } });
    expect(fakes.calls).toEqual([]);
  });

  test('a caller who is not signed in is asked to sign in, and nothing is counted', async () => {
    access.verdict = new RoundsError('auth.required');
    const ack = await dispatcher.dispatch('qa.ask', { sessionId, text: 'Anyone there?', anonymous: false }, { ...connection, identity: undefined });
    expect(ack).toMatchObject({ ok: false, error: { code: 'auth.required' } });
    expect(limits.taken).toEqual([]);
  });

  test('a handler throwing a RoundsError acks with that code and message and logs a warning', async () => {
    fakes.state.behaviour = async () => {
      throw new RoundsError('stage.notLive', 'Nobody is presenting on this stage yet');
    };
    const ack = await dispatcher.dispatch('stage.join', { sessionId }, connection);
    expect(ack).toEqual({ ok: false, error: { code: 'stage.notLive', message: 'Nobody is presenting on this stage yet' } });
    expect(linesAt(40)).toEqual([expect.objectContaining({ code: 'stage.notLive', reason: 'Nobody is presenting on this stage yet' })]);
    expect(linesAt(50)).toEqual([]);
  });

  test('a handler throwing a TypeError (mediasoup rejecting client parameters) acks request.invalid', async () => {
    fakes.state.behaviour = async () => {
      throw new TypeError('invalid RTCP parameters');
    };
    const ack = await dispatcher.dispatch('stage.join', { sessionId }, connection);
    expect(ack).toEqual({ ok: false, error: { code: 'request.invalid', message: 'invalid RTCP parameters' } });
    expect(linesAt(50)).toEqual([]);
  });

  test('a handler throwing any other error acks server.internal with a generic message and logs the detail as an error', async () => {
    const detail = 'connect ECONNREFUSED 10.1.2.3:5432 (user rounds_admin)';
    fakes.state.behaviour = async () => {
      throw new Error(detail);
    };
    const ack = await dispatcher.dispatch('stage.join', { sessionId }, connection);

    expect(ack).toEqual({ ok: false, error: { code: 'server.internal', message: errorCodes['server.internal'] } });
    expect(JSON.stringify(ack)).not.toContain('10.1.2.3');
    const errors = linesAt(50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      msg: 'request failed',
      event: 'stage.join',
      connectionId: 'connection-1',
      userId: identity.userId,
      err: expect.objectContaining({ message: detail, stack: expect.stringContaining('Error: ') }),
    });
  });

  test('a handler rejecting with something that is not an Error still gets one server.internal ack', async () => {
    fakes.state.behaviour = () => Promise.reject('a bare string');
    const ack = await dispatcher.dispatch('stage.join', { sessionId }, connection);
    expect(ack).toEqual({ ok: false, error: { code: 'server.internal', message: errorCodes['server.internal'] } });
    expect(linesAt(50)).toHaveLength(1);
  });

  test('an access policy failing for its own reasons (database down) is server.internal, not a refusal', async () => {
    access.verdict = new Error('Connection terminated unexpectedly');
    const ack = await dispatcher.dispatch('stage.join', { sessionId }, connection);
    expect(ack).toEqual({ ok: false, error: { code: 'server.internal', message: errorCodes['server.internal'] } });
    expect(fakes.calls).toEqual([]);
    expect(linesAt(50)).toHaveLength(1);
  });
});

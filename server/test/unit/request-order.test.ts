import { RequestOrder } from '../../src/signalling/request-order';

/** A request whose end the test decides; `started` says whether its handler has been called. */
function controlled(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const request = {
    started: false,
    handle: async () => {
      request.started = true;
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
    },
    finish,
  };
  return request;
}

const fail = (error: unknown) => {
  throw error;
};
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('RequestOrder', () => {
  test('other requests run side by side', async () => {
    const log: string[] = [];
    const order = new RequestOrder(fail);
    const [a, b] = [controlled(log, 'consume a'), controlled(log, 'consume b')];
    order.run('media.consume', a.handle);
    order.run('media.consume', b.handle);
    await settle();
    expect([a.started, b.started]).toEqual([true, true]);
  });

  test('a join waits for earlier requests, and later requests wait for the join', async () => {
    const log: string[] = [];
    const order = new RequestOrder(fail);
    const leave = controlled(log, 'leave');
    const join = controlled(log, 'join');
    const transport = controlled(log, 'transport');
    order.run('stage.leave', leave.handle);
    order.run('stage.join', join.handle);
    order.run('media.createTransport', transport.handle);
    await settle();
    expect([leave.started, join.started, transport.started]).toEqual([true, false, false]);
    leave.finish();
    await settle();
    expect([join.started, transport.started]).toEqual([true, false]);
    join.finish();
    await settle();
    expect(transport.started).toBe(true);
    transport.finish();
    await settle();
    expect(log).toEqual(['start leave', 'end leave', 'start join', 'end join', 'start transport', 'end transport']);
  });

  test('a failed request is reported and does not stop the ones after it', async () => {
    const errors: unknown[] = [];
    const order = new RequestOrder((error) => errors.push(error));
    const ran: string[] = [];
    order.run('stage.join', () => Promise.reject(new Error('boom')));
    order.run('media.consume', async () => void ran.push('consume'));
    order.last(async () => void ran.push('disconnect'));
    await settle();
    await settle();
    expect(ran).toEqual(['consume', 'disconnect']);
    expect(errors).toEqual([new Error('boom')]);
  });
});

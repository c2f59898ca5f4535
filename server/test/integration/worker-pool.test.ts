import { once } from 'node:events';
import { nextNotification, startTestPlatform, type TestPlatform } from '../helpers/test-platform';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('mediasoup worker pool', () => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform({ MEDIASOUP_WORKERS: '2' });
  });
  afterAll(() => t.close());

  test('starts the configured number of workers, each its own live process', async () => {
    const status = await t.platform.pool.status();
    expect(status).toHaveLength(2);
    expect(new Set(status.map((w) => w.pid)).size).toBe(2);
    expect(status.every((w) => w.alive && processAlive(w.pid))).toBe(true);
  });

  test('a killed worker is replaced, its rooms are closed and their peers are told to rejoin', async () => {
    const attendee = await t.connect(await t.signIn('attendee'));
    const joined = await attendee.request('stage.join', { sessionId: t.keynoteId });
    expect(joined.ok).toBe(true);
    const room = (await t.platform.stages.existingRoom(t.keynoteId))!;
    const deadPid = t.platform.pool.worker(room.workerIndex).pid;

    const rejoin = nextNotification(attendee, 'stage.rejoinRequired');
    const replaced = once(t.platform.pool, 'workerReplaced');
    process.kill(deadPid, 'SIGKILL');

    expect(await rejoin).toEqual({ sessionId: t.keynoteId, reason: 'The media server restarted.' });
    // Rejoining at once, while the dead slot is still being refilled, lands on a live worker.
    expect(await attendee.request('stage.join', { sessionId: t.keynoteId })).toMatchObject({ ok: true });
    const [index, newPid] = (await replaced) as [number, number];
    expect(index).toBe(room.workerIndex);
    expect(newPid).not.toBe(deadPid);
    expect(processAlive(deadPid)).toBe(false);
    expect(room.closed).toBe(true);
    const fresh = await t.platform.stages.existingRoom(t.keynoteId);
    expect(fresh).not.toBe(room);
    expect(fresh?.closed).toBe(false);

    // The peer rejoins and gets a fresh room; every slot answers again.
    const again = await attendee.request('stage.join', { sessionId: t.keynoteId });
    expect(again).toMatchObject({ ok: true, data: { sessionId: t.keynoteId } });
    const transport = await attendee.request('media.createTransport', { sessionId: t.keynoteId, direction: 'recv' });
    expect(transport.ok).toBe(true);
    const status = await t.platform.pool.status();
    expect(status.map((w) => w.alive)).toEqual([true, true]);
    expect(status[index]!.pid).toBe(newPid);
  });
});

describe('a pool of one mediasoup worker', () => {
  let t: TestPlatform;

  beforeAll(async () => {
    t = await startTestPlatform({ MEDIASOUP_WORKERS: '1' });
  });
  afterAll(() => t.close());

  test('when its worker is killed, peers are told to rejoin once the replacement is up, so their first rejoin succeeds', async () => {
    const attendee = await t.connect(await t.signIn('attendee'));
    expect((await attendee.request('stage.join', { sessionId: t.keynoteId })).ok).toBe(true);
    const deadPid = t.platform.pool.worker(0).pid;

    const rejoin = nextNotification(attendee, 'stage.rejoinRequired');
    process.kill(deadPid, 'SIGKILL');
    expect(await rejoin).toEqual({ sessionId: t.keynoteId, reason: 'The media server restarted.' });

    // Told only now: the slot already holds a live replacement, and the rejoin is not refused.
    const [worker] = await t.platform.pool.status();
    expect(worker).toMatchObject({ alive: true });
    expect(worker!.pid).not.toBe(deadPid);
    expect(await attendee.request('stage.join', { sessionId: t.keynoteId })).toMatchObject({ ok: true, data: { sessionId: t.keynoteId } });
  });
});

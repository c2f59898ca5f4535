import type { RequestResponse, Role } from '@rounds/shared';
import { okData, startTestPlatform, type TestPlatform, type TestSocket } from './test-platform';

export interface StageTestbed {
  /** Available once the file's beforeAll hooks have run. */
  readonly t: TestPlatform;
  readonly sessionId: string;
  /** A socket signed in as the demo account of that role; it leaves the stage after the test. */
  connect(role: Role): Promise<TestSocket>;
  /** `connect` and `stage.join` the keynote. */
  join(role: Role): Promise<{ socket: TestSocket } & RequestResponse<'stage.join'>>;
}

/**
 * Registers the hooks of a stage test file: one platform, the demo roles signed in once, and after
 * every test everyone leaves, so the keynote's room has closed before the next one starts.
 */
export function useStageTestbed(): StageTestbed {
  const cookies = new Map<Role, string>();
  let onStage: TestSocket[] = [];
  let platform: TestPlatform | undefined;

  const bed: StageTestbed = {
    get t() {
      if (!platform) throw new Error('the stage testbed starts in beforeAll');
      return platform;
    },
    get sessionId() {
      return bed.t.keynoteId;
    },
    async connect(role) {
      const socket = await bed.t.connect(cookies.get(role));
      onStage.push(socket);
      return socket;
    },
    async join(role) {
      const socket = await bed.connect(role);
      return { socket, ...okData(await socket.request('stage.join', { sessionId: bed.sessionId })) };
    },
  };

  beforeAll(async () => {
    platform = await startTestPlatform();
    for (const role of ['speaker', 'moderator', 'attendee', 'exhibitor'] as const) cookies.set(role, await bed.t.signIn(role));
  });
  afterAll(() => platform?.close());

  afterEach(async () => {
    for (const socket of onStage) {
      await socket.request('stage.leave', { sessionId: bed.sessionId });
      socket.disconnect();
    }
    onStage = [];
    expect(await bed.t.platform.stages.existingRoom(bed.sessionId)).toBeUndefined();
  });

  return bed;
}

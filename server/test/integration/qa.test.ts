import type { Question } from '@rounds/shared';
import { collectNotifications, nextMatching, nextNotification, okData, startTestPlatform, type TestPlatform, type TestSocket } from '../helpers/test-platform';

/**
 * Session Q&A over real sockets, PostgreSQL and Redis: the exact acks and broadcasts an attendee
 * and a moderator receive, and the error acks. A second node shares the database and Redis.
 */
describe('live Q&A', () => {
  let a: TestPlatform;
  let b: TestPlatform;
  let sessionId: string;
  let attendee: TestSocket;
  let moderator: TestSocket;
  let exhibitor: TestSocket;
  let attendeeOnB: TestSocket;

  beforeAll(async () => {
    a = await startTestPlatform();
    b = await startTestPlatform({ REDIS_PREFIX: a.config.REDIS_PREFIX, DATABASE_SCHEMA: a.config.DATABASE_SCHEMA });
    sessionId = a.keynoteId;
    attendee = await a.connect(await a.signIn('attendee'));
    moderator = await a.connect(await a.signIn('moderator'));
    exhibitor = await a.connect(await a.signIn('exhibitor'));
    attendeeOnB = await b.connect(await b.signIn('speaker'));
    for (const socket of [attendee, moderator, exhibitor]) okData(await socket.request('qa.join', { sessionId }));
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const setModerated = (moderated: boolean) =>
    a.platform.database.db.updateTable('sessions').set({ qaModerated: moderated }).where('id', '=', sessionId).execute();

  test('an anonymous question: the author and the crew see who asked, the audience does not; a node away hears it at once', async () => {
    const onB = okData(await attendeeOnB.request('qa.join', { sessionId }));
    expect(onB).toMatchObject({ sessionId, moderated: false, canModerate: true });
    const crewHears = nextNotification(moderator, 'qa.questionChanged');
    const audienceHears = nextNotification(exhibitor, 'qa.questionChanged');
    const otherNodeHears = nextNotification(attendeeOnB, 'qa.questionChanged');

    const { question } = okData(await attendee.request('qa.ask', { sessionId, text: '  How early should lactate be repeated?  ', anonymous: true }));
    expect(question).toMatchObject({ text: 'How early should lactate be repeated?', anonymous: true, authorName: 'Dr. Amal Attendee', status: 'approved', votes: 0, pinned: false });
    expect((await crewHears).question).toEqual(question);
    expect((await audienceHears).question).toEqual({ ...question, authorName: null, authorId: null });
    // The speaker on node B is crew too: the full view, through the Redis adapter.
    expect((await otherNodeHears).question).toEqual(question);
  });

  test('votes: once per person, toggled; everyone hears the count; own ack says voted', async () => {
    const added = nextMatching(exhibitor, 'qa.questionChanged', ({ question: q }) => q.text === 'Vasopressin first or second?');
    const { question } = okData(await moderator.request('qa.ask', { sessionId, text: 'Vasopressin first or second?', anonymous: false }));
    await added;
    const vote = async (socket: TestSocket, voted: boolean) => {
      const heard = nextNotification(exhibitor, 'qa.questionChanged');
      const ack = await socket.request('qa.vote', { sessionId, questionId: question.id, voted });
      return { ack, heard: (await heard).question.votes };
    };
    expect(await vote(attendee, true)).toEqual({ ack: { ok: true, data: { questionId: question.id, votes: 1, voted: true } }, heard: 1 });
    // Voting again changes nothing, and nobody is told.
    const quiet = collectNotifications(exhibitor, 'qa.questionChanged');
    expect(await attendee.request('qa.vote', { sessionId, questionId: question.id, voted: true })).toEqual({
      ok: true,
      data: { questionId: question.id, votes: 1, voted: true },
    });
    expect(await vote(exhibitor, true)).toEqual({ ack: { ok: true, data: { questionId: question.id, votes: 2, voted: true } }, heard: 2 });
    expect(quiet.map((n) => n.question.votes)).toEqual([2]);
    expect(await vote(attendee, false)).toEqual({ ack: { ok: true, data: { questionId: question.id, votes: 1, voted: false } }, heard: 1 });
    expect(okData(await attendee.request('qa.join', { sessionId })).myVotes).not.toContain(question.id);
    expect(okData(await exhibitor.request('qa.join', { sessionId })).myVotes).toContain(question.id);
  });

  test('a moderated session: a question waits for a moderator; the audience sees it only once approved; dismissal removes it', async () => {
    await setModerated(true);
    try {
      const audience: string[] = [];
      exhibitor.on('qa.questionChanged', ({ question }) => audience.push(`${question.text}:${question.status}`));
      const crewHears = nextNotification(moderator, 'qa.questionChanged');
      const { question } = okData(await attendee.request('qa.ask', { sessionId, text: 'Steroids in septic shock?', anonymous: false }));
      expect(question.status).toBe('pending');
      expect((await crewHears).question.status).toBe('pending');
      // The author still sees it after a reload; others do not.
      expect(okData(await attendee.request('qa.join', { sessionId })).questions.map((q) => q.id)).toContain(question.id);
      expect(okData(await exhibitor.request('qa.join', { sessionId })).questions.map((q) => q.id)).not.toContain(question.id);

      const approved = nextNotification(exhibitor, 'qa.questionChanged');
      expect(okData(await moderator.request('qa.moderate', { sessionId, questionId: question.id, action: 'approve' })).question.status).toBe('approved');
      expect((await approved).question).toMatchObject({ id: question.id, status: 'approved' });

      const removed = nextNotification(exhibitor, 'qa.questionRemoved');
      const authorHears = nextMatching(attendee, 'qa.questionChanged', ({ question: q }) => q.id === question.id && q.status === 'dismissed');
      okData(await moderator.request('qa.moderate', { sessionId, questionId: question.id, action: 'dismiss' }));
      expect(await removed).toEqual({ sessionId, questionId: question.id });
      // The author is told their question was not taken up, and still sees it as such after a reload.
      expect((await authorHears).question).toMatchObject({ status: 'dismissed', authorName: 'Dr. Amal Attendee' });
      expect(okData(await attendee.request('qa.join', { sessionId })).questions.find((q) => q.id === question.id)?.status).toBe('dismissed');
      expect(audience).toEqual(['Steroids in septic shock?:approved']);
      exhibitor.off('qa.questionChanged');
    } finally {
      await setModerated(false);
    }
  });

  test('pin one at a time, answer, edit and withdraw rules, and the error acks', async () => {
    const first = okData(await exhibitor.request('qa.ask', { sessionId, text: 'First question to pin', anonymous: false })).question;
    const second = okData(await exhibitor.request('qa.ask', { sessionId, text: 'Second question to pin', anonymous: false })).question;
    const firstPinned = nextMatching(attendee, 'qa.questionChanged', ({ question: q }) => q.id === first.id && q.pinned);
    okData(await moderator.request('qa.moderate', { sessionId, questionId: first.id, action: 'pin' }));
    await firstPinned;
    const changes = collectNotifications(attendee, 'qa.questionChanged');
    const bothHeard = new Promise<void>((resolve) => attendee.on('qa.questionChanged', () => changes.length >= 2 && resolve()));
    const pinned = okData(await moderator.request('qa.moderate', { sessionId, questionId: second.id, action: 'pin' })).question;
    expect(pinned.pinned).toBe(true);
    await bothHeard;
    attendee.off('qa.questionChanged');
    expect(changes.map((n) => [n.question.id, n.question.pinned])).toEqual([
      [first.id, false],
      [second.id, true],
    ]);

    const edited = okData(await exhibitor.request('qa.edit', { sessionId, questionId: first.id, text: 'First question, reworded' })).question;
    expect(edited.text).toBe('First question, reworded');
    const answered = okData(await moderator.request('qa.moderate', { sessionId, questionId: second.id, action: 'answer' })).question;
    expect(answered).toMatchObject({ status: 'answered', pinned: false, answeredAt: expect.any(String) });

    const refused = (code: string) => ({ ok: false, error: expect.objectContaining({ code }) });
    expect(await exhibitor.request('qa.edit', { sessionId, questionId: second.id, text: 'Too late to edit' })).toEqual(refused('qa.notEditable'));
    expect(await attendee.request('qa.withdraw', { sessionId, questionId: first.id })).toEqual(refused('qa.notEditable'));
    expect(await attendee.request('qa.moderate', { sessionId, questionId: first.id, action: 'answer' })).toEqual(refused('auth.forbidden'));
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await attendee.request('qa.vote', { sessionId, questionId: unknown, voted: true })).toEqual(refused('qa.notFound'));
    expect(await attendee.raw('qa.ask', { sessionId, text: 'x'.repeat(501), anonymous: false })).toEqual(refused('request.invalid'));

    const removed = nextNotification(attendee, 'qa.questionRemoved');
    expect(await exhibitor.request('qa.withdraw', { sessionId, questionId: first.id })).toEqual({ ok: true, data: {} });
    expect(await removed).toEqual({ sessionId, questionId: first.id });
    expect(await exhibitor.request('qa.withdraw', { sessionId, questionId: first.id })).toEqual(refused('qa.notFound'));
  });

  test('asking too fast gets qa.rateLimited and stores nothing more', async () => {
    const asker = await a.connect(await a.signIn('organizer'));
    okData(await asker.request('qa.join', { sessionId }));
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await asker.request('qa.ask', { sessionId, text: `Burst question ${i}`, anonymous: false }));
    expect(answers.slice(0, 3).every((answer) => answer.ok)).toBe(true);
    expect(answers[3]).toMatchObject({ ok: false, error: { code: 'qa.rateLimited' } });
    const stored = okData(await asker.request('qa.join', { sessionId })).questions.filter((q: Question) => q.text.startsWith('Burst'));
    expect(stored).toHaveLength(3);
  });

  test('the crew export every question as CSV, authors included and formulas defused; the audience may not', async () => {
    okData(await attendee.request('qa.ask', { sessionId, text: '=HYPERLINK("http://evil.test","click") "quoted"', anonymous: true }));
    const csvFor = async (role: 'moderator' | 'attendee') =>
      fetch(`${a.url}/api/sessions/${sessionId}/questions.csv`, { headers: { cookie: await a.signIn(role) } });
    const response = await csvFor('moderator');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="questions-${sessionId}.csv"`);
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('asked_at,status,pinned,votes,author,asked_anonymously,answered_at,question');
    const stored = okData(await moderator.request('qa.join', { sessionId })).questions;
    // Withdrawn questions are in the records too, so there are more rows than questions shown.
    expect(lines.length - 1).toBeGreaterThan(stored.length);
    expect(lines.at(-1)).toMatch(/,"Dr\. Amal Attendee","true","","'=HYPERLINK\(""http:\/\/evil\.test"",""click""\) ""quoted"""$/);
    expect((await csvFor('attendee')).status).toBe(403);
  });

  test('a page that was disconnected is brought up to date by joining again: what it missed comes from the database', async () => {
    const cookie = await a.signIn('exhibitor');
    const away = await a.connect(cookie);
    okData(await away.request('qa.join', { sessionId }));
    away.disconnect();
    const missed = okData(await moderator.request('qa.ask', { sessionId, text: 'Asked while you were away', anonymous: false })).question;
    const back = await b.connect(cookie);
    const state = okData(await back.request('qa.join', { sessionId }));
    expect(state.questions).toContainEqual({ ...missed });
  });
});

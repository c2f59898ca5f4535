import { nextMatching, nextNotification, okData, startTestPlatform, type TestPlatform, type TestSocket } from '../helpers/test-platform';

const refused = (code: string) => ({ ok: false, error: expect.objectContaining({ code }) });

/** Polls and session chat over real sockets, PostgreSQL and Redis: exact acks and broadcasts for an attendee and the crew. */
describe('live polls and chat', () => {
  let t: TestPlatform;
  let sessionId: string;
  let attendee: TestSocket;
  let exhibitor: TestSocket;
  let moderator: TestSocket;

  beforeAll(async () => {
    t = await startTestPlatform();
    sessionId = t.keynoteId;
    attendee = await t.connect(await t.signIn('attendee'));
    exhibitor = await t.connect(await t.signIn('exhibitor'));
    moderator = await t.connect(await t.signIn('moderator'));
    for (const socket of [attendee, exhibitor, moderator]) okData(await socket.request('qa.join', { sessionId }));
  });
  afterAll(() => t?.close());

  test('a poll: prepared unseen, launched, voted once, results live to the crew and to the audience once revealed, kept when closed', async () => {
    const crewHearsDraft = nextNotification(moderator, 'poll.changed');
    const draft = okData(
      await moderator.request('poll.create', { sessionId, question: 'First vasopressor?', options: ['Norepinephrine', 'Vasopressin', 'Epinephrine'], multiple: false }),
    ).poll;
    expect(draft).toMatchObject({ status: 'draft', revealed: false, results: { votes: [0, 0, 0], voters: 0 } });
    expect((await crewHearsDraft).poll).toEqual(draft);
    expect(okData(await attendee.request('poll.list', { sessionId })).polls).toEqual([]);
    expect(await attendee.request('poll.vote', { sessionId, pollId: draft.id, optionIds: [draft.options[0]!.id] })).toEqual(refused('poll.notFound'));

    const audienceHearsLaunch = nextMatching(attendee, 'poll.changed', ({ poll }) => poll.status === 'open');
    okData(await moderator.request('poll.launch', { sessionId, pollId: draft.id }));
    expect((await audienceHearsLaunch).poll).toMatchObject({ id: draft.id, status: 'open', results: null });

    const [norepinephrine, vasopressin] = draft.options;
    const crewHearsVote = nextMatching(moderator, 'poll.changed', ({ poll }) => poll.results?.voters === 1);
    expect(await attendee.request('poll.vote', { sessionId, pollId: draft.id, optionIds: [norepinephrine!.id] })).toEqual({
      ok: true,
      data: { pollId: draft.id, optionIds: [norepinephrine!.id] },
    });
    expect((await crewHearsVote).poll.results).toEqual({ votes: [1, 0, 0], voters: 1 });
    expect(await attendee.request('poll.vote', { sessionId, pollId: draft.id, optionIds: [vasopressin!.id] })).toEqual(refused('poll.alreadyVoted'));
    expect(await exhibitor.request('poll.vote', { sessionId, pollId: draft.id, optionIds: [norepinephrine!.id, vasopressin!.id] })).toEqual(
      refused('poll.invalidChoice'),
    );

    const audienceHearsReveal = nextMatching(exhibitor, 'poll.changed', ({ poll }) => poll.revealed);
    okData(await moderator.request('poll.reveal', { sessionId, pollId: draft.id, revealed: true }));
    expect((await audienceHearsReveal).poll.results).toEqual({ votes: [1, 0, 0], voters: 1 });

    okData(await moderator.request('poll.close', { sessionId, pollId: draft.id }));
    expect(await exhibitor.request('poll.vote', { sessionId, pollId: draft.id, optionIds: [vasopressin!.id] })).toEqual(refused('poll.notOpen'));
    const later = okData(await attendee.request('poll.list', { sessionId }));
    expect(later.polls).toEqual([expect.objectContaining({ id: draft.id, status: 'closed', results: { votes: [1, 0, 0], voters: 1 } })]);
    expect(later.myChoices).toEqual({ [draft.id]: [norepinephrine!.id] });
    expect(await attendee.request('poll.create', { sessionId, question: 'Mine?', options: ['a', 'b'], multiple: false })).toEqual(refused('auth.forbidden'));
  });

  test('a multiple-choice poll takes several options in one ballot', async () => {
    const poll = okData(await moderator.request('poll.create', { sessionId, question: 'Which bundles do you use?', options: ['Lactate', 'Cultures', 'Antibiotics'], multiple: true })).poll;
    okData(await moderator.request('poll.launch', { sessionId, pollId: poll.id }));
    const ids = poll.options.map((option) => option.id);
    const crewHears = nextMatching(moderator, 'poll.changed', ({ poll: changed }) => changed.id === poll.id && changed.results?.voters === 1);
    okData(await exhibitor.request('poll.vote', { sessionId, pollId: poll.id, optionIds: [ids[0]!, ids[2]!, ids[0]!] }));
    expect((await crewHears).poll.results).toEqual({ votes: [1, 0, 1], voters: 1 });
  });

  test('chat: everyone hears a message as sent (markup stays text); the crew delete it and mute a person, who is told', async () => {
    const markup = '<img src=x onerror="alert(1)"> **bold**';
    const heard = nextNotification(exhibitor, 'chat.message');
    const { message } = okData(await attendee.request('chat.send', { sessionId, text: markup }));
    expect(message).toMatchObject({ sessionId, text: markup, authorName: 'Dr. Amal Attendee' });
    expect((await heard).message).toEqual(message);

    expect(await attendee.request('chat.delete', { sessionId, messageId: message.id })).toEqual(refused('auth.forbidden'));
    const deleted = nextNotification(exhibitor, 'chat.deleted');
    expect(await moderator.request('chat.delete', { sessionId, messageId: message.id })).toEqual({ ok: true, data: {} });
    expect(await deleted).toEqual({ sessionId, messageId: message.id });
    expect(okData(await exhibitor.request('chat.list', { sessionId })).messages.map((m) => m.id)).not.toContain(message.id);
    expect(await moderator.request('chat.delete', { sessionId, messageId: message.id })).toEqual(refused('chat.notFound'));

    const personHears = nextNotification(attendee, 'chat.muteChanged');
    const crewHears = nextNotification(moderator, 'chat.muteChanged');
    okData(await moderator.request('chat.mute', { sessionId, userId: message.authorId, muted: true }));
    const muted = { sessionId, userId: message.authorId, userName: 'Dr. Amal Attendee', muted: true };
    expect(await personHears).toEqual(muted);
    expect(await crewHears).toEqual(muted);
    expect(await attendee.request('chat.send', { sessionId, text: 'Can you hear me?' })).toEqual(refused('chat.muted'));
    expect(okData(await attendee.request('chat.list', { sessionId }))).toMatchObject({ muted: true, mutedUserIds: [] });
    expect(okData(await moderator.request('chat.list', { sessionId }))).toMatchObject({ muted: false, mutedUserIds: [message.authorId] });

    okData(await moderator.request('chat.mute', { sessionId, userId: message.authorId, muted: false }));
    okData(await attendee.request('chat.send', { sessionId, text: 'Back again' }));
  });

  test('chatting too fast gets qa.rateLimited and stores nothing more', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await exhibitor.request('chat.send', { sessionId, text: `burst ${i}` }));
    expect(answers.filter((answer) => answer.ok)).toHaveLength(5);
    expect(answers[5]).toEqual(refused('qa.rateLimited'));
    const texts = okData(await exhibitor.request('chat.list', { sessionId })).messages.map((m) => m.text);
    expect(texts.filter((text) => text.startsWith('burst'))).toHaveLength(5);
  });
});

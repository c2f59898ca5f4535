import { z } from 'zod';
import type { Ack } from './errors';
import { id } from './ids';
import { dtlsParameters, iceCandidates, iceParameters, mediaKind, mediaSource, rtpCapabilities, rtpParameters } from './media';
import { chatMessage, chatText, moderationAction, poll, pollDraft, question, questionText } from './qa';
import type { Permission } from './roles';

/**
 * The signalling catalogue: every request a client may send over the socket, with its payload and
 * response schemas and who may send it, and every notification the server pushes.
 * The server derives its socket.io types and its validation from this object; nothing else defines events.
 */

/** Largest request payload the dispatcher accepts, in bytes of JSON. Larger payloads get `request.tooLarge`. */
export const maxRequestBytes = 64 * 1024;

const stageProducer = z.object({
  producerId: z.string(),
  peerId: z.string(),
  userName: z.string(),
  kind: mediaKind,
  source: mediaSource,
});
export type StageProducer = z.infer<typeof stageProducer>;

const transportOptions = z.object({
  transportId: z.string(),
  iceParameters,
  iceCandidates,
  dtlsParameters: z.record(z.string(), z.unknown()),
});

/**
 * How often one person may send a request: at most `limit` in a window of `windowMs`, counted per
 * `bucket` (requests that share a bucket share the count) across every server node.
 */
export interface RateLimit {
  bucket: string;
  limit: number;
  windowMs: number;
}

/** The per-person limits of what people send; over one, a request gets `qa.rateLimited`. */
export const rateLimits = {
  question: { bucket: 'qa.ask', limit: 3, windowMs: 30_000 },
  /** Edits and withdrawals together. */
  questionChange: { bucket: 'qa.edit', limit: 10, windowMs: 60_000 },
  vote: { bucket: 'qa.vote', limit: 30, windowMs: 10_000 },
  chat: { bucket: 'chat.send', limit: 5, windowMs: 10_000 },
} satisfies Record<string, RateLimit>;

/** One request of the catalogue. */
export interface RequestSpec {
  payload: z.ZodTypeAny;
  response: z.ZodTypeAny;
  permission: Permission;
  /** Checked by the server beside the permission, before the handler runs. */
  rateLimit?: RateLimit;
  summary: string;
}

export const requests = {
  /** Enter a session's stage: returns what the browser needs to load its mediasoup Device and what is on air. */
  'stage.join': {
    payload: z.object({ sessionId: id }),
    response: z.object({
      sessionId: id,
      peerId: z.string(),
      canPresent: z.boolean(),
      routerRtpCapabilities: z.record(z.string(), z.unknown()),
      producers: z.array(stageProducer),
    }),
    permission: { kind: 'member' },
    summary: 'Join the stage of a session as a viewer (or presenter, for its speakers and moderators).',
  },
  'stage.leave': {
    payload: z.object({ sessionId: id }),
    response: z.object({}),
    permission: { kind: 'member' },
    summary: 'Leave the stage; closes this peer’s transports, producers and consumers.',
  },
  /** Ends what this presenter sends; the stage ends for viewers when no presenter sends anything. */
  'stage.stopPresenting': {
    payload: z.object({ sessionId: id }),
    response: z.object({}),
    permission: { kind: 'stageCrew' },
    summary: 'Stop all of this presenter’s streams.',
  },
  'media.createTransport': {
    payload: z.object({ sessionId: id, direction: z.enum(['send', 'recv']) }),
    response: transportOptions,
    permission: { kind: 'member' },
    summary: 'Create a WebRTC transport; only stage crew and invited guests may create a send transport.',
  },
  'media.connectTransport': {
    payload: z.object({ sessionId: id, transportId: z.string().max(64), dtlsParameters }),
    response: z.object({}),
    permission: { kind: 'member' },
    summary: 'Finish the DTLS handshake parameters of a transport this peer owns.',
  },
  'media.produce': {
    payload: z.object({
      sessionId: id,
      transportId: z.string().max(64),
      kind: mediaKind,
      source: mediaSource,
      rtpParameters,
    }),
    response: z.object({ producerId: z.string() }),
    // Member, not stageCrew: an invited guest (an attendee) produces too. The stage checks the
    // right to present (crew, or a guest while invited) and refuses anyone else with auth.forbidden.
    permission: { kind: 'member' },
    summary: 'Send a camera, microphone or screen stream to the stage (stage crew, or an invited guest).',
  },
  /** The consumer is created paused; the client resumes it once its local consumer exists. */
  'media.consume': {
    payload: z.object({ sessionId: id, transportId: z.string().max(64), producerId: z.string().max(64), rtpCapabilities }),
    response: z.object({
      consumerId: z.string(),
      producerId: z.string(),
      kind: mediaKind,
      rtpParameters: z.record(z.string(), z.unknown()),
    }),
    permission: { kind: 'member' },
    summary: 'Receive one producer of the stage.',
  },
  'media.resumeConsumer': {
    payload: z.object({ sessionId: id, consumerId: z.string().max(64) }),
    response: z.object({}),
    permission: { kind: 'member' },
    summary: 'Start the flow of a consumer this peer owns.',
  },
  'media.pauseConsumer': {
    payload: z.object({ sessionId: id, consumerId: z.string().max(64) }),
    response: z.object({}),
    permission: { kind: 'member' },
    summary: 'Stop the flow of a consumer this peer owns (audio-only mode pauses the video ones).',
  },
  /** Simulcast: the viewer asks for the layer that fits its player size and bandwidth. */
  'media.setPreferredLayers': {
    payload: z.object({
      sessionId: id,
      consumerId: z.string().max(64),
      spatialLayer: z.number().int().min(0).max(2),
      temporalLayer: z.number().int().min(0).max(2).optional(),
    }),
    response: z.object({}),
    permission: { kind: 'member' },
    summary: 'Choose the simulcast layer a video consumer receives.',
  },
  /** Mute (pause) or unmute one of this presenter's own streams; viewers get `stage.producerPaused` / `stage.producerResumed`. */
  'media.setProducerPaused': {
    payload: z.object({ sessionId: id, producerId: z.string().max(64), paused: z.boolean() }),
    response: z.object({}),
    permission: { kind: 'member' },
    summary: 'Pause or resume one of this peer’s own producers (mute, camera off).',
  },
  'media.closeProducer': {
    payload: z.object({ sessionId: id, producerId: z.string().max(64) }),
    response: z.object({}),
    permission: { kind: 'member' },
    summary: 'Stop one of this peer’s own producers (for example the screen share).',
  },
  /** An attendee asks to speak; the session's crew see it in their queue. */
  'stage.raiseHand': {
    payload: z.object({ sessionId: id, raised: z.boolean() }),
    response: z.object({}),
    permission: { kind: 'member' },
    summary: 'Raise or lower this attendee’s hand to ask a spoken question.',
  },
  /** A moderator brings an attendee (by peer id) onto the stage: that peer may then send audio and video. */
  'stage.inviteGuest': {
    payload: z.object({ sessionId: id, peerId: z.string().max(64) }),
    response: z.object({}),
    permission: { kind: 'stageCrew' },
    summary: 'Invite a viewer onto the stage to ask a spoken question.',
  },
  'stage.removeGuest': {
    payload: z.object({ sessionId: id, peerId: z.string().max(64) }),
    response: z.object({}),
    permission: { kind: 'stageCrew' },
    summary: 'Take an invited guest off the stage; their streams close.',
  },
  /** Q&A: the session's questions as the caller may see them; the connection then hears every change. */
  'qa.join': {
    payload: z.object({ sessionId: id }),
    response: z.object({
      sessionId: id,
      questions: z.array(question),
      /** Ids of the questions the caller has voted for. */
      myVotes: z.array(id),
      /** New questions wait for a moderator before the audience sees them. */
      moderated: z.boolean(),
      canModerate: z.boolean(),
    }),
    permission: { kind: 'member' },
    summary: 'Open the session’s Q&A (also after a reconnect: the answer is the whole current state).',
  },
  'qa.ask': {
    payload: z.object({ sessionId: id, text: questionText, anonymous: z.boolean() }),
    response: z.object({ question }),
    permission: { kind: 'member' },
    rateLimit: rateLimits.question,
    summary: 'Ask a question, optionally anonymous to the audience (never to moderators).',
  },
  'qa.edit': {
    payload: z.object({ sessionId: id, questionId: id, text: questionText }),
    response: z.object({ question }),
    permission: { kind: 'member' },
    rateLimit: rateLimits.questionChange,
    summary: 'Change the text of your own question until it is answered or dismissed.',
  },
  'qa.withdraw': {
    payload: z.object({ sessionId: id, questionId: id }),
    response: z.object({}),
    permission: { kind: 'member' },
    rateLimit: rateLimits.questionChange,
    summary: 'Take back your own question until it is answered or dismissed.',
  },
  'qa.vote': {
    payload: z.object({ sessionId: id, questionId: id, voted: z.boolean() }),
    response: z.object({ questionId: id, votes: z.number().int(), voted: z.boolean() }),
    permission: { kind: 'member' },
    rateLimit: rateLimits.vote,
    summary: 'Upvote a question, or take the vote back (one vote per person).',
  },
  'qa.moderate': {
    payload: z.object({ sessionId: id, questionId: id, action: moderationAction }),
    response: z.object({ question }),
    permission: { kind: 'stageCrew' },
    summary: 'Approve, dismiss, mark answered, pin (one at a time) or unpin a question.',
  },
  /** Polls: those the caller may see (the crew also see drafts), and the caller's own choices. Needs `qa.join` for live changes. */
  'poll.list': {
    payload: z.object({ sessionId: id }),
    response: z.object({ polls: z.array(poll), myChoices: z.record(id, z.array(id)) }),
    permission: { kind: 'member' },
    summary: 'The session’s polls and my votes.',
  },
  'poll.create': {
    payload: z.object({ sessionId: id }).merge(pollDraft),
    response: z.object({ poll }),
    permission: { kind: 'stageCrew' },
    summary: 'Prepare a single- or multiple-choice poll (a draft the audience does not see).',
  },
  'poll.launch': {
    payload: z.object({ sessionId: id, pollId: id }),
    response: z.object({ poll }),
    permission: { kind: 'stageCrew' },
    summary: 'Open a draft poll for votes.',
  },
  'poll.close': {
    payload: z.object({ sessionId: id, pollId: id }),
    response: z.object({ poll }),
    permission: { kind: 'stageCrew' },
    summary: 'Stop taking votes; the poll and its results are kept.',
  },
  'poll.reveal': {
    payload: z.object({ sessionId: id, pollId: id, revealed: z.boolean() }),
    response: z.object({ poll }),
    permission: { kind: 'stageCrew' },
    summary: 'Show (or hide again) the results to the audience.',
  },
  'poll.vote': {
    payload: z.object({ sessionId: id, pollId: id, optionIds: z.array(id).min(1).max(10) }),
    response: z.object({ pollId: id, optionIds: z.array(id) }),
    permission: { kind: 'member' },
    summary: 'Vote in an open poll, once (one option, or several in a multiple-choice poll).',
  },
  /** Chat: the latest 100 messages (deleted ones left out), whether the caller is muted and, for the crew, who is. */
  'chat.list': {
    payload: z.object({ sessionId: id }),
    response: z.object({ messages: z.array(chatMessage), muted: z.boolean(), mutedUserIds: z.array(id) }),
    permission: { kind: 'member' },
    summary: 'The session chat so far.',
  },
  'chat.send': {
    payload: z.object({ sessionId: id, text: chatText }),
    response: z.object({ message: chatMessage }),
    permission: { kind: 'member' },
    rateLimit: rateLimits.chat,
    summary: 'Post a chat message (not when muted).',
  },
  'chat.delete': {
    payload: z.object({ sessionId: id, messageId: id }),
    response: z.object({}),
    permission: { kind: 'stageCrew' },
    summary: 'Remove a chat message for everyone (kept in the records as deleted).',
  },
  'chat.mute': {
    payload: z.object({ sessionId: id, userId: id, muted: z.boolean() }),
    response: z.object({}),
    permission: { kind: 'stageCrew' },
    summary: 'Stop (or allow again) a person posting in this session’s chat.',
  },
} satisfies Record<string, RequestSpec>;

export type RequestName = keyof typeof requests;
export type RequestPayload<N extends RequestName> = z.infer<(typeof requests)[N]['payload']>;
export type RequestResponse<N extends RequestName> = z.infer<(typeof requests)[N]['response']>;

export const notifications = {
  /** To everyone on the stage: a presenter started a stream. */
  'stage.producerAdded': z.object({ sessionId: id }).merge(stageProducer),
  /** To everyone on the stage: a stream stopped. */
  'stage.producerClosed': z.object({ sessionId: id, producerId: z.string() }),
  /** To everyone on the stage: no presenter is sending any more. */
  'stage.ended': z.object({ sessionId: id }),
  /** To everyone on a stage whose media worker died: their media is gone; join again. */
  'stage.rejoinRequired': z.object({ sessionId: id, reason: z.string() }),
  /** To everyone on the stage: a presenter muted a stream (or turned the camera off) … */
  'stage.producerPaused': z.object({ sessionId: id, producerId: z.string() }),
  /** … and turned it back on. */
  'stage.producerResumed': z.object({ sessionId: id, producerId: z.string() }),
  /** To everyone on the stage: who is speaking now (null: nobody), from the router's audio levels. */
  'stage.activeSpeaker': z.object({ sessionId: id, peerId: z.string().nullable() }),
  /** To the stage crew: an attendee raised or lowered a hand. */
  'stage.handRaised': z.object({ sessionId: id, peerId: z.string(), userName: z.string(), raised: z.boolean() }),
  /** To everyone on the stage: a viewer was invited on stage (may now present) or taken off it. */
  'stage.guestChanged': z.object({ sessionId: id, peerId: z.string(), userName: z.string(), onStage: z.boolean() }),
  /**
   * Q&A: a question was asked, edited, voted on, approved, answered or (un)pinned. The audience gets
   * visible questions without anonymous authors; moderators get every question in full.
   */
  'qa.questionChanged': z.object({ sessionId: id, question }),
  /** To the audience: a question is no longer shown (withdrawn or dismissed). */
  'qa.questionRemoved': z.object({ sessionId: id, questionId: id }),
  /** A poll was prepared, launched, closed, revealed or voted in: the crew get it with results, the audience (not drafts) as they may see it. */
  'poll.changed': z.object({ sessionId: id, poll }),
  /** To everyone in the session's Q&A group: a chat message. */
  'chat.message': z.object({ sessionId: id, message: chatMessage }),
  /** To everyone: a moderator removed a message. */
  'chat.deleted': z.object({ sessionId: id, messageId: id }),
  /** To the crew and to the person concerned: someone was muted in (or allowed back into) the chat. */
  'chat.muteChanged': z.object({ sessionId: id, userId: id, userName: z.string(), muted: z.boolean() }),
} satisfies Record<string, z.ZodTypeAny>;

export type NotificationName = keyof typeof notifications;
export type NotificationPayload<N extends NotificationName> = z.infer<(typeof notifications)[N]>;

/** socket.io event maps derived from the catalogue (client → server carries an ack callback). */
export type ClientToServerEvents = {
  [N in RequestName]: (payload: RequestPayload<N>, ack: (response: Ack<RequestResponse<N>>) => void) => void;
};
export type ServerToClientEvents = {
  [N in NotificationName]: (payload: NotificationPayload<N>) => void;
};

export function isRequestName(name: string): name is RequestName {
  return Object.hasOwn(requests, name);
}

/**
 * The closed list of error codes, shared by REST responses and socket acks.
 * A UI maps each code to a sentence that says what to do next; the message is for logs and developers.
 */
export const errorCodes = {
  'auth.required': 'Sign in first.',
  'auth.forbidden': 'Your role does not allow this action.',
  'auth.invalidCredentials': 'The email or password is not right.',
  'auth.emailTaken': 'An account with this email already exists. Sign in, or reset your password.',
  'auth.weakPassword': 'Choose a longer, less common password.',
  'auth.invalidToken': 'This link has expired or was already used. Ask for a new one.',
  'program.conflict': 'This clashes with another session. Change the time, stage or people.',
  'request.invalid': 'The request payload does not match its schema.',
  'request.unknownEvent': 'The server does not know this request.',
  'request.tooLarge': 'The request is larger than the server accepts.',
  'resource.notFound': 'The thing asked for does not exist.',
  'qa.notFound': 'That question does not exist or is no longer shown.',
  'qa.notEditable': 'Only your own question can be changed, and only until it is answered or dismissed.',
  'qa.rateLimited': 'You are sending too quickly. Wait a moment and try again.',
  'poll.notFound': 'That poll does not exist or is not open to you.',
  'poll.notOpen': 'This poll is not taking votes.',
  'poll.alreadyVoted': 'You have already voted in this poll.',
  'poll.invalidChoice': 'Choose one of the poll’s options (only one unless the poll allows several).',
  'chat.muted': 'A moderator has paused your chat messages in this session.',
  'chat.notFound': 'That message does not exist or was already removed.',
  'stage.notLive': 'The stage is not live.',
  'recording.notFound': 'That recording does not exist or is not published.',
  'recording.busy': 'This recording is being captured or processed; wait until it is ready or has failed.',
  'recording.notReady': 'This recording has no finished video yet.',
  'recording.alreadyCapturing': 'This session is already being recorded.',
  'upload.unsupportedType': 'Upload an MP4, MOV, WebM or MKV video file.',
  'upload.tooLarge': 'The file is larger than the upload limit.',
  'upload.invalidCaptions': 'Captions must be a WebVTT (.vtt) file.',
  'media.transportNotFound': 'The media transport does not exist or is closed.',
  'media.producerNotFound': 'The stream does not exist or has ended.',
  'media.consumerNotFound': 'The media consumer does not exist or is closed.',
  'media.cannotConsume': 'This browser cannot receive that stream.',
  'server.unavailable': 'A part of the platform is down; try again shortly.',
  'server.internal': 'Something went wrong on the server.',
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Per-field messages for forms (`endsAt`: "Ends before it starts"), keyed by payload field. */
  fields?: Record<string, string>;
}

/** The one ack envelope of every request, over sockets and REST alike. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

/** An error that carries a code from the closed list; thrown by services, turned into an ack by the dispatcher. */
export class RoundsError extends Error {
  readonly code: ErrorCode;
  readonly fields?: Record<string, string>;

  constructor(code: ErrorCode, message: string = errorCodes[code], fields?: Record<string, string>) {
    super(message);
    this.name = 'RoundsError';
    this.code = code;
    if (fields) this.fields = fields;
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}

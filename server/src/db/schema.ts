import type { TranscodeResult } from '@rounds/shared';
import type { ColumnType, Generated } from 'kysely';

/** Table types for Kysely. Timestamps are written as Date and read as Date. */
type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: CreatedAt;
  /** Professional credentials (MD, RN, ...), printed on certificates. */
  credentials: ColumnType<string[], string | undefined, string>;
  specialty: Generated<string>;
  licenceState: string | null;
  licenceNumber: string | null;
}

export interface ConferencesTable {
  id: Generated<string>;
  slug: string;
  name: string;
  timeZone: string;
  startsOn: string;
  endsOn: string;
  accreditingProvider: Generated<string>;
  description: Generated<string>;
  createdAt: CreatedAt;
}

export interface TracksTable {
  id: Generated<string>;
  conferenceId: string;
  name: string;
  color: Generated<string>;
}

export interface BoothsTable {
  id: Generated<string>;
  conferenceId: string;
  name: string;
}

export interface InvitationsTable {
  id: Generated<string>;
  tokenHash: string;
  conferenceId: string;
  role: 'organizer' | 'moderator' | 'speaker' | 'exhibitor';
  boothId: string | null;
  email: string | null;
  invitedBy: string;
  createdAt: CreatedAt;
  expiresAt: Date;
  acceptedBy: string | null;
  acceptedAt: Date | null;
}

export interface PasswordResetsTable {
  tokenHash: string;
  userId: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface ScheduleItemsTable {
  userId: string;
  sessionId: string;
  createdAt: CreatedAt;
}

export interface ConferenceMembersTable {
  conferenceId: string;
  userId: string;
  role: 'organizer' | 'moderator' | 'speaker' | 'exhibitor' | 'attendee';
  /** The booth an exhibitor staffs; null for other roles. */
  boothId: Generated<string | null>;
}

export interface StagesTable {
  id: Generated<string>;
  conferenceId: string;
  name: string;
}

export interface SessionsTable {
  id: Generated<string>;
  conferenceId: string;
  stageId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  trackId: string | null;
  abstract: Generated<string>;
  /** JSON array of strings. */
  learningObjectives: ColumnType<string[], string | undefined, string>;
  format: Generated<'lecture' | 'case' | 'panel' | 'workshop'>;
  accredited: Generated<boolean>;
  /** numeric(5,2): PostgreSQL returns it as a string. */
  maxCredits: ColumnType<string | null, number | null | undefined, number | null>;
  /** New questions wait for a moderator before the audience sees them. */
  qaModerated: Generated<boolean>;
}

export interface SessionPeopleTable {
  sessionId: string;
  userId: string;
  role: 'speaker' | 'moderator';
}

export interface AuthSessionsTable {
  /** SHA-256 of the cookie token: a database leak does not leak usable sessions. */
  tokenHash: string;
  userId: string;
  expiresAt: Date;
  createdAt: CreatedAt;
}

export interface QuestionsTable {
  id: Generated<string>;
  sessionId: string;
  authorId: string;
  text: string;
  anonymous: boolean;
  status: 'pending' | 'approved' | 'answered' | 'dismissed' | 'withdrawn';
  pinned: Generated<boolean>;
  /** Kept equal to the question's rows in question_votes, in the same transaction. */
  votes: Generated<number>;
  createdAt: CreatedAt;
  answeredAt: Date | null;
}

export interface QuestionVotesTable {
  questionId: string;
  userId: string;
  createdAt: CreatedAt;
}

export interface PollsTable {
  id: Generated<string>;
  sessionId: string;
  createdBy: string;
  question: string;
  multiple: boolean;
  status: 'draft' | 'open' | 'closed';
  revealed: Generated<boolean>;
  createdAt: CreatedAt;
  openedAt: Date | null;
  closedAt: Date | null;
}

export interface PollOptionsTable {
  id: Generated<string>;
  pollId: string;
  position: number;
  label: string;
}

/** One per person and poll: the "votes once" rule is this table's primary key. */
export interface PollBallotsTable {
  pollId: string;
  userId: string;
  createdAt: CreatedAt;
}

export interface PollChoicesTable {
  pollId: string;
  userId: string;
  optionId: string;
}

export interface ChatMessagesTable {
  id: Generated<string>;
  sessionId: string;
  authorId: string;
  text: string;
  createdAt: CreatedAt;
  deletedAt: Date | null;
  deletedBy: string | null;
}

export interface ChatMutesTable {
  sessionId: string;
  userId: string;
  mutedBy: string;
  createdAt: CreatedAt;
}

export interface RecordingsTable {
  id: Generated<string>;
  sessionId: string;
  source: 'live' | 'upload';
  status: 'recording' | 'queued' | 'processing' | 'ready' | 'failed';
  /** Bumped by retry and trim; only the job of the current version may complete the recording. */
  version: Generated<number>;
  progress: Generated<number>;
  failedReason: string | null;
  trimStartSec: number | null;
  trimEndSec: number | null;
  durationSec: number | null;
  /** `assets/<id>/v<version>` of the asset in `asset`. */
  assetPrefix: string | null;
  /** The TranscodeResult of the ready version (jsonb). */
  asset: ColumnType<TranscodeResult | null, string | null | undefined, string | null>;
  captionsKey: string | null;
  createdBy: string | null;
  createdAt: CreatedAt;
  stoppedAt: Date | null;
  publishedAt: Date | null;
}

export interface RecordingPartsTable {
  id: Generated<string>;
  recordingId: string;
  role: 'upload' | 'camera' | 'screen' | 'microphone';
  storageKey: string;
  presenterId: string | null;
  nodeId: string | null;
  startedAt: ColumnType<Date, Date | undefined, Date>;
  endedAt: Date | null;
  /** bigint: PostgreSQL returns it as a string. */
  bytes: ColumnType<string | null, number | null | undefined, number | null>;
}

export interface ReplayPositionsTable {
  userId: string;
  recordingId: string;
  positionSec: number;
  updatedAt: ColumnType<Date, Date | undefined, Date>;
}

export interface Database {
  users: UsersTable;
  conferences: ConferencesTable;
  conferenceMembers: ConferenceMembersTable;
  stages: StagesTable;
  sessions: SessionsTable;
  sessionPeople: SessionPeopleTable;
  authSessions: AuthSessionsTable;
  tracks: TracksTable;
  booths: BoothsTable;
  invitations: InvitationsTable;
  passwordResets: PasswordResetsTable;
  scheduleItems: ScheduleItemsTable;
  questions: QuestionsTable;
  questionVotes: QuestionVotesTable;
  polls: PollsTable;
  pollOptions: PollOptionsTable;
  pollBallots: PollBallotsTable;
  pollChoices: PollChoicesTable;
  chatMessages: ChatMessagesTable;
  chatMutes: ChatMutesTable;
  recordings: RecordingsTable;
  recordingParts: RecordingPartsTable;
  replayPositions: ReplayPositionsTable;
}

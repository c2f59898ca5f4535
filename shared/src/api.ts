import { z } from 'zod';
import { id } from './ids';
import { invitableRoles, type Role } from './roles';

/**
 * The REST contract: request body schemas (validated by the server, reused by forms for inline
 * messages) and response shapes. Every response is the ack envelope `{ ok, data | error }`.
 */

// ---- accounts ----

export const credentialOptions = ['MD', 'DO', 'MBBS', 'PhD', 'PharmD', 'RN', 'NP', 'PA', 'CRNA', 'RD', 'PT', 'Other'] as const;

const commonPasswords = new Set(['password', 'password1', 'password123', '1234567890', 'qwertyuiop', 'letmein123', 'iloveyou12', 'welcome123']);

/** Why a password is too weak, or null. Shared so the form can say it before the server does. */
export function passwordProblem(password: string, email = ''): string | null {
  if (password.length < 10) return 'Use at least 10 characters.';
  if (password.length > 200) return 'Use at most 200 characters.';
  if (commonPasswords.has(password.toLowerCase())) return 'This password is too common.';
  if (email && password.toLowerCase().includes(email.split('@')[0]!.toLowerCase())) return 'Do not use your email address in the password.';
  return null;
}

const email = z.string().trim().toLowerCase().email('Enter a valid email address.').max(254);
const personName = z.string().trim().min(1, 'Enter your name.').max(120);

export const registerBody = z.object({ email, password: z.string().max(200), name: personName });
export const signInBody = z.object({ email, password: z.string().min(1, 'Enter your password.').max(200) });
export const resetRequestBody = z.object({ email });
export const resetConfirmBody = z.object({ token: z.string().min(10).max(200), password: z.string().max(200) });

export const profileBody = z.object({
  name: personName,
  credentials: z.array(z.enum(credentialOptions)).max(6),
  specialty: z.string().trim().max(120),
  licenceState: z.string().trim().max(40).nullable(),
  licenceNumber: z.string().trim().max(40).nullable(),
});
export type ProfileBody = z.infer<typeof profileBody>;
export interface Profile extends ProfileBody {
  userId: string;
  email: string;
}

export interface Identity {
  userId: string;
  email: string;
  name: string;
}

export interface Me extends Identity {
  memberships: { conferenceId: string; role: Role; boothId: string | null }[];
}

// ---- conferences and program ----

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the format YYYY-MM-DD.');
const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'Choose a time zone such as America/Chicago.');

export const conferenceBody = z
  .object({
    name: z.string().trim().min(3, 'Enter the conference name.').max(200),
    slug: z.string().trim().regex(/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/, 'Use lowercase letters, digits and dashes.'),
    timeZone,
    startsOn: isoDate,
    endsOn: isoDate,
    accreditingProvider: z.string().trim().max(200),
    description: z.string().trim().max(4000),
  })
  .refine((c) => c.endsOn >= c.startsOn, { message: 'The last day cannot be before the first.', path: ['endsOn'] });
export type ConferenceBody = z.infer<typeof conferenceBody>;

export interface ConferenceSummary extends ConferenceBody {
  id: string;
}

export const trackBody = z.object({
  name: z.string().trim().min(1, 'Enter the track name.').max(80),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #0f4c5c.'),
});
export interface Track extends z.infer<typeof trackBody> {
  id: string;
}

export const stageBody = z.object({ name: z.string().trim().min(1, 'Enter the stage name.').max(80) });
export interface Stage extends z.infer<typeof stageBody> {
  id: string;
}

export const sessionFormats = ['lecture', 'case', 'panel', 'workshop'] as const;
export type SessionFormat = (typeof sessionFormats)[number];
export const sessionFormatLabels: Record<SessionFormat, string> = {
  lecture: 'Lecture',
  case: 'Case presentation',
  panel: 'Panel',
  workshop: 'Workshop',
};

export const sessionBody = z
  .object({
    title: z.string().trim().min(3, 'Enter a title.').max(200),
    abstract: z.string().trim().max(4000),
    learningObjectives: z.array(z.string().trim().min(1).max(300)).max(10),
    format: z.enum(sessionFormats),
    startsAt: z.string().datetime({ offset: true, message: 'Enter a start time.' }),
    endsAt: z.string().datetime({ offset: true, message: 'Enter an end time.' }),
    stageId: id,
    trackId: id.nullable(),
    accredited: z.boolean(),
    maxCredits: z.number().positive('Credits must be more than 0.').max(50).multipleOf(0.25, 'Use quarter credits.').nullable(),
    speakerIds: z.array(id).max(12),
    moderatorIds: z.array(id).max(6),
  })
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), { message: 'The session must end after it starts.', path: ['endsAt'] })
  .refine((s) => !s.accredited || (s.maxCredits ?? 0) > 0, { message: 'An accredited session needs its maximum credits.', path: ['maxCredits'] });
export type SessionBody = z.infer<typeof sessionBody>;

export interface SessionPerson {
  userId: string;
  name: string;
  role: 'speaker' | 'moderator';
}

export interface ProgramSession {
  id: string;
  conferenceId: string;
  title: string;
  abstract: string;
  learningObjectives: string[];
  format: SessionFormat;
  startsAt: string;
  endsAt: string;
  stageId: string;
  stageName: string;
  trackId: string | null;
  accredited: boolean;
  maxCredits: number | null;
  people: SessionPerson[];
}

/** Everything the agenda needs in one response. */
export interface Program {
  conference: ConferenceSummary;
  tracks: Track[];
  stages: Stage[];
  sessions: ProgramSession[];
  myRoles: Role[];
  /** Session ids in the caller's personal schedule. */
  mySchedule: string[];
}

// ---- people ----

export const invitationBody = z.object({
  role: z.enum(invitableRoles),
  email: email.nullable(),
  boothId: id.nullable(),
});
export interface Invitation {
  id: string;
  role: z.infer<typeof invitationBody>['role'];
  email: string | null;
  boothId: string | null;
  expiresAt: string;
  acceptedBy: string | null;
  /** Present only in the response that created it: the token is stored hashed. */
  link?: string;
}
export interface InvitationPreview {
  conferenceName: string;
  role: Invitation['role'];
  expired: boolean;
  accepted: boolean;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  roles: Role[];
}

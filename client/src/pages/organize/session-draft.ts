import type { Program, ProgramSession, SessionBody, SessionFormat } from '@rounds/shared';
import { isoToZonedInput, zonedInputToIso } from './zoned-time';

/** What the session form edits: strings as the inputs hold them; times as wall clock in the conference zone. */
export interface SessionDraft {
  title: string;
  abstract: string;
  learningObjectives: string[];
  format: SessionFormat;
  startsLocal: string;
  endsLocal: string;
  stageId: string;
  /** '' for no track. */
  trackId: string;
  speakerIds: string[];
  moderatorIds: string[];
  accredited: boolean;
  maxCredits: string;
}

/** A new session: the first free-looking hour of the first day, on the first stage. */
export function newSessionDraft(program: Program): SessionDraft {
  const day = program.conference.startsOn || new Date().toISOString().slice(0, 10);
  return {
    title: '',
    abstract: '',
    learningObjectives: [''],
    format: 'lecture',
    startsLocal: `${day}T09:00`,
    endsLocal: `${day}T10:00`,
    stageId: program.stages[0]?.id ?? '',
    trackId: '',
    speakerIds: [],
    moderatorIds: [],
    accredited: false,
    maxCredits: '',
  };
}

export function draftOf(session: ProgramSession, timeZone: string): SessionDraft {
  return {
    title: session.title,
    abstract: session.abstract,
    learningObjectives: session.learningObjectives.length ? [...session.learningObjectives] : [''],
    format: session.format,
    startsLocal: isoToZonedInput(session.startsAt, timeZone),
    endsLocal: isoToZonedInput(session.endsAt, timeZone),
    stageId: session.stageId,
    trackId: session.trackId ?? '',
    speakerIds: session.people.filter((p) => p.role === 'speaker').map((p) => p.userId),
    moderatorIds: session.people.filter((p) => p.role === 'moderator').map((p) => p.userId),
    accredited: session.accredited,
    maxCredits: session.maxCredits === null ? '' : String(session.maxCredits),
  };
}

/**
 * The request body for a draft, before validation: the shared `sessionBody` schema then says what is
 * wrong with it, exactly as the server would. Blank objective lines are dropped; an unaccredited
 * session carries no credits.
 */
export function bodyOf(draft: SessionDraft, timeZone: string): Record<keyof SessionBody, unknown> {
  const credits = draft.maxCredits.trim().replace(',', '.');
  return {
    title: draft.title,
    abstract: draft.abstract,
    learningObjectives: draft.learningObjectives.map((line) => line.trim()).filter(Boolean),
    format: draft.format,
    startsAt: zonedInputToIso(draft.startsLocal, timeZone) ?? '',
    endsAt: zonedInputToIso(draft.endsLocal, timeZone) ?? '',
    stageId: draft.stageId,
    trackId: draft.trackId || null,
    accredited: draft.accredited,
    maxCredits: draft.accredited ? (credits === '' ? null : Number(credits)) : null,
    speakerIds: draft.speakerIds,
    moderatorIds: draft.moderatorIds,
  };
}

/** `1.5` → `1.5 CME credits`; credits always carry their unit. */
export function formatCredits(credits: number): string {
  return `${credits} CME credit${credits === 1 ? '' : 's'}`;
}

/** The Q&A's client-side rules: text limits, order, grouping, and the sentences for failures. */
import type { Question } from '@rounds/shared';
import { ApiError, adviceFor } from '../api/http';

export type QuestionOrder = 'votes' | 'newest';

/** A question has 3 to 500 characters once trimmed (the shared `questionText` schema). */
export const questionLimits = { min: 3, max: 500 } as const;

/** Why a typed question cannot be sent yet, or null when it can. */
export function questionTextProblem(text: string): string | null {
  const length = text.trim().length;
  if (length < questionLimits.min) return `Write at least ${questionLimits.min} characters.`;
  if (length > questionLimits.max) return `Shorten your question to ${questionLimits.max} characters or fewer.`;
  return null;
}

/**
 * The pinned question ("being answered") first; then by votes (older first among equals, so a
 * question does not lose its place to a newer one with as many votes) or newest first.
 */
export function ordered(questions: readonly Question[], order: QuestionOrder): Question[] {
  return [...questions].sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) ||
      (order === 'votes' ? b.votes - a.votes || a.createdAt.localeCompare(b.createdAt) : b.createdAt.localeCompare(a.createdAt)),
  );
}

/** The panel's lists: what waits for a moderator, the open questions, the answered ones, the dismissed ones. */
export interface QuestionGroups {
  /** The crew: every pending question; the audience: their own. */
  pending: Question[];
  open: Question[];
  answered: Question[];
  /** Only the crew hear of dismissed questions. */
  dismissed: Question[];
}

export function grouped(questions: readonly Question[], order: QuestionOrder): QuestionGroups {
  const sorted = ordered(questions, order);
  return {
    // The queue is first come, first served.
    pending: questions.filter((q) => q.status === 'pending').sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    open: sorted.filter((q) => q.status === 'approved'),
    answered: sorted.filter((q) => q.status === 'answered'),
    dismissed: sorted.filter((q) => q.status === 'dismissed'),
  };
}

/** The sentence for a failed Q&A request: the catalogue's, and for a rate limit how long to wait when the server says. */
export function qaProblem(error: unknown): string {
  if (error instanceof ApiError && error.code === 'qa.rateLimited') {
    const seconds = /wait (\d+) s/.exec(error.message)?.[1];
    return seconds ? `${error.advice} You can send again in about ${seconds} seconds.` : error.advice;
  }
  return adviceFor(error);
}

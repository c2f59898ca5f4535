/** The polls' client-side rules: the draft's limits, grouping, and the numbers shown in the results. */
import type { Poll } from '@rounds/shared';

/** The shared `pollDraft` schema: a question of 3 to 300 characters, 2 to 10 options of 1 to 120. */
export const pollLimits = { questionMin: 3, questionMax: 300, optionMax: 120, minOptions: 2, maxOptions: 10 } as const;

/** Why a poll draft cannot be saved yet, by field (`question`, `options`), or null when it can. */
export function pollDraftProblem(question: string, options: string[]): { question?: string; options?: string } | null {
  const problems: { question?: string; options?: string } = {};
  const length = question.trim().length;
  if (length < pollLimits.questionMin) problems.question = `Write a question of at least ${pollLimits.questionMin} characters.`;
  else if (length > pollLimits.questionMax) problems.question = `Shorten the question to ${pollLimits.questionMax} characters or fewer.`;
  const filled = options.map((o) => o.trim());
  if (filled.some((o) => o.length === 0)) problems.options = 'Fill in every option, or remove the empty ones.';
  else if (filled.length < pollLimits.minOptions) problems.options = `Give at least ${pollLimits.minOptions} options.`;
  else if (filled.some((o) => o.length > pollLimits.optionMax)) problems.options = `Keep each option to ${pollLimits.optionMax} characters or fewer.`;
  return problems.question || problems.options ? problems : null;
}

export interface PollGroups {
  /** The crew's prepared polls, not yet shown to anyone. */
  drafts: Poll[];
  open: Poll[];
  /** Newest first: the poll just closed is the one people look for. */
  closed: Poll[];
}

export function groupedPolls(polls: readonly Poll[]): PollGroups {
  return {
    drafts: polls.filter((p) => p.status === 'draft'),
    open: polls.filter((p) => p.status === 'open'),
    closed: polls.filter((p) => p.status === 'closed').reverse(),
  };
}

/** A share of the voters, rounded to a whole percent (0 when nobody voted). */
export function percentOf(votes: number, voters: number): number {
  return voters === 0 ? 0 : Math.round((votes / voters) * 100);
}

export const votesWord = (n: number) => (n === 1 ? '1 vote' : `${n} votes`);
export const votersWord = (n: number) => (n === 1 ? '1 person voted' : `${n} people voted`);

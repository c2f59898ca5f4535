import type { Poll, RequestResponse } from '@rounds/shared';
import type { StateCreator } from 'zustand';
import type { RoundsState } from './index';

/** Like the Q&A: `loading` until the first `poll.list` answer, `ready` after it, `error` if it failed. */
export type PollStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface PollSlice {
  pollSessionId: string | null;
  pollStatus: PollStatus;
  pollError: string | null;
  /** The polls this viewer may see, oldest first: the crew also see drafts, and always the results. */
  polls: Poll[];
  /** The options I chose, by poll id (one ballot per person and poll). */
  myChoices: Record<string, string[]>;

  openPolls(sessionId: string): void;
  setPollState(state: RequestResponse<'poll.list'>): void;
  setPollError(message: string): void;
  upsertPoll(poll: Poll): void;
  setMyChoice(pollId: string, optionIds: string[]): void;
  closePolls(): void;
}

const closed = { pollSessionId: null, pollStatus: 'idle' as const, pollError: null, polls: [], myChoices: {} };

export const createPollSlice: StateCreator<RoundsState, [], [], PollSlice> = (set) => ({
  ...closed,
  openPolls: (pollSessionId) => set({ ...closed, pollSessionId, pollStatus: 'loading' }),
  setPollState: ({ polls, myChoices }) => set({ pollStatus: 'ready', pollError: null, polls, myChoices }),
  setPollError: (pollError) => set({ pollStatus: 'error', pollError }),
  upsertPoll: (poll) =>
    set((state) => {
      const index = state.polls.findIndex((p) => p.id === poll.id);
      if (index < 0) return { polls: [...state.polls, poll] };
      const polls = [...state.polls];
      polls[index] = poll;
      return { polls };
    }),
  setMyChoice: (pollId, optionIds) => set((state) => ({ myChoices: { ...state.myChoices, [pollId]: optionIds } })),
  closePolls: () => set(closed),
});

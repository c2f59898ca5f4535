import type { Question, RequestResponse } from '@rounds/shared';
import type { StateCreator } from 'zustand';
import type { RoundsState } from './index';

/**
 * The session's Q&A as this browser sees it. `loading`: the first `qa.join` answer has not come;
 * `ready`: the list is the server's (live once `qaOnline`); `error`: the Q&A could not be opened.
 */
export type QaStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface QaSlice {
  qaSessionId: string | null;
  qaStatus: QaStatus;
  qaError: string | null;
  /** False while the socket is down: the list may be behind until the rejoin answers. */
  qaOnline: boolean;
  /** Every question this viewer may see, by the server's rules (see docs/signalling.md). */
  questions: Question[];
  /** Ids of the questions I voted for. */
  myVotes: string[];
  /** New questions wait for a moderator before the audience sees them. */
  qaModerated: boolean;
  /** This viewer is the session's crew: the full view, with the moderation controls. */
  canModerate: boolean;

  openQa(sessionId: string): void;
  setQaState(state: RequestResponse<'qa.join'>): void;
  setQaError(message: string): void;
  setQaOnline(online: boolean): void;
  upsertQuestion(question: Question): void;
  removeQuestion(questionId: string): void;
  setMyVote(questionId: string, voted: boolean, votes: number): void;
  closeQa(): void;
}

/**
 * A question as heard now, merged over the one known before. The audience's broadcast hides an
 * anonymous author, even from the author's own browser; an author never changes, so a name already
 * known (my own question, from my ack or join answer) is kept.
 */
function merged(known: Question | undefined, heard: Question): Question {
  if (!known || heard.authorId !== null) return heard;
  return { ...heard, authorId: known.authorId, authorName: known.authorName };
}

const closed = { qaSessionId: null, qaStatus: 'idle' as const, qaError: null, questions: [], myVotes: [], qaModerated: false, canModerate: false };

export const createQaSlice: StateCreator<RoundsState, [], [], QaSlice> = (set) => ({
  ...closed,
  qaOnline: true,
  openQa: (qaSessionId) => set({ ...closed, qaSessionId, qaStatus: 'loading' }),
  setQaState: ({ questions, myVotes, moderated, canModerate }) =>
    set((state) => {
      const known = new Map(state.questions.map((q) => [q.id, q]));
      return {
        qaStatus: 'ready',
        qaError: null,
        questions: questions.map((q) => merged(known.get(q.id), q)),
        myVotes,
        qaModerated: moderated,
        canModerate,
      };
    }),
  setQaError: (qaError) => set({ qaStatus: 'error', qaError }),
  setQaOnline: (qaOnline) => set({ qaOnline }),
  upsertQuestion: (question) =>
    set((state) => {
      const index = state.questions.findIndex((q) => q.id === question.id);
      if (index < 0) return { questions: [...state.questions, question] };
      const questions = [...state.questions];
      questions[index] = merged(state.questions[index], question);
      return { questions };
    }),
  removeQuestion: (questionId) =>
    set((state) => ({ questions: state.questions.filter((q) => q.id !== questionId), myVotes: state.myVotes.filter((id) => id !== questionId) })),
  setMyVote: (questionId, voted, votes) =>
    set((state) => ({
      myVotes: voted ? [...state.myVotes.filter((id) => id !== questionId), questionId] : state.myVotes.filter((id) => id !== questionId),
      questions: state.questions.map((q) => (q.id === questionId ? { ...q, votes } : q)),
    })),
  closeQa: () => set(closed),
});

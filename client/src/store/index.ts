import { create } from 'zustand';
import { createAuthSlice, type AuthSlice } from './auth-slice';
import { createChatSlice, type ChatSlice } from './chat-slice';
import { createPollSlice, type PollSlice } from './poll-slice';
import { createProgramSlice, type ProgramSlice } from './program-slice';
import { createQaSlice, type QaSlice } from './qa-slice';
import { createStageSlice, type StageSlice } from './stage-slice';
import { createStudioSlice, type StudioSlice } from './studio-slice';

/** One store split by feature (zustand's slices pattern); components read it through selectors. */
export type RoundsState = AuthSlice & ProgramSlice & StageSlice & StudioSlice & QaSlice & PollSlice & ChatSlice;

export const useRounds = create<RoundsState>()((...a) => ({
  ...createAuthSlice(...a),
  ...createProgramSlice(...a),
  ...createStageSlice(...a),
  ...createStudioSlice(...a),
  ...createQaSlice(...a),
  ...createPollSlice(...a),
  ...createChatSlice(...a),
}));

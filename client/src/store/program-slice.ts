import type { ConferenceSummary, ProgramSession } from '@rounds/shared';
import type { StateCreator } from 'zustand';
import type { RoundsState } from './index';

export interface ProgramSlice {
  conferences: ConferenceSummary[];
  sessions: ProgramSession[];
  programStatus: 'idle' | 'loading' | 'ready' | 'error';
  programError: string | null;
  setProgramLoading(): void;
  setProgram(conferences: ConferenceSummary[], sessions: ProgramSession[]): void;
  setProgramError(message: string): void;
}

export const createProgramSlice: StateCreator<RoundsState, [], [], ProgramSlice> = (set) => ({
  conferences: [],
  sessions: [],
  programStatus: 'idle',
  programError: null,
  setProgramLoading: () => set({ programStatus: 'loading', programError: null }),
  setProgram: (conferences, sessions) => set({ conferences, sessions, programStatus: 'ready' }),
  setProgramError: (message) => set({ programStatus: 'error', programError: message }),
});

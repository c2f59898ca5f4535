import type { ErrorCode, Program } from '@rounds/shared';
import type { StateCreator } from 'zustand';
import type { MyConference } from '../api/program';
import type { RoundsState } from './index';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface ProgramSlice {
  /** The program of the conference being viewed (agenda, session, studio and organizer pages). */
  program: Program | null;
  programStatus: LoadStatus;
  /** What to show when the program could not be loaded, and why (a 403 and a 404 read differently). */
  programError: string | null;
  programErrorCode: ErrorCode | null;
  /** The last failed add/remove on the personal schedule, shown next to that session's toggle. */
  scheduleError: { sessionId: string; message: string } | null;
  /** The conferences the signed-in person belongs to (home page). */
  myConferences: MyConference[] | null;
  myConferencesStatus: LoadStatus;
  myConferencesError: string | null;

  setProgramLoading(): void;
  setProgram(program: Program): void;
  setProgramError(message: string, code: ErrorCode): void;
  setScheduled(sessionId: string, scheduled: boolean): void;
  setScheduleError(error: { sessionId: string; message: string } | null): void;
  setMyConferencesLoading(): void;
  setMyConferences(conferences: MyConference[]): void;
  setMyConferencesError(message: string): void;
  /** Forgets everything about the previous account (sign-out). */
  clearProgram(): void;
}

const empty = {
  program: null,
  programStatus: 'idle',
  programError: null,
  programErrorCode: null,
  scheduleError: null,
  myConferences: null,
  myConferencesStatus: 'idle',
  myConferencesError: null,
} as const;

export const createProgramSlice: StateCreator<RoundsState, [], [], ProgramSlice> = (set) => ({
  ...empty,
  setProgramLoading: () => set({ program: null, programStatus: 'loading', programError: null, programErrorCode: null, scheduleError: null }),
  setProgram: (program) => set({ program, programStatus: 'ready', programError: null, programErrorCode: null }),
  setProgramError: (message, code) => set({ program: null, programStatus: 'error', programError: message, programErrorCode: code }),
  setScheduled: (sessionId, scheduled) =>
    set((state) => {
      if (!state.program) return {};
      const others = state.program.mySchedule.filter((id) => id !== sessionId);
      return { program: { ...state.program, mySchedule: scheduled ? [...others, sessionId] : others } };
    }),
  setScheduleError: (scheduleError) => set({ scheduleError }),
  setMyConferencesLoading: () => set((state) => ({ myConferencesStatus: state.myConferences ? 'ready' : 'loading', myConferencesError: null })),
  setMyConferences: (myConferences) => set({ myConferences, myConferencesStatus: 'ready', myConferencesError: null }),
  setMyConferencesError: (message) => set({ myConferencesStatus: 'error', myConferencesError: message }),
  clearProgram: () => set(empty),
});

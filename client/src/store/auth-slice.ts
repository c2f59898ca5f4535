import type { Me } from '@rounds/shared';
import type { StateCreator } from 'zustand';
import type { RoundsState } from './index';

export interface AuthSlice {
  me: Me | null;
  /** 'unknown' until /api/me answers once, so the UI does not flash the sign-in form. */
  authStatus: 'unknown' | 'signedIn' | 'signedOut';
  setMe(me: Me | null): void;
}

export const createAuthSlice: StateCreator<RoundsState, [], [], AuthSlice> = (set) => ({
  me: null,
  authStatus: 'unknown',
  setMe: (me) => set({ me, authStatus: me ? 'signedIn' : 'signedOut' }),
});

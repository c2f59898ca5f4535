import type { Me } from '@rounds/shared';
import type { StateCreator } from 'zustand';
import type { RoundsState } from './index';

export interface AuthSlice {
  me: Me | null;
  /** 'unknown' until /api/me answers once, so the UI does not flash the sign-in form. */
  authStatus: 'unknown' | 'signedIn' | 'signedOut';
  /**
   * Where to continue after registering or signing in, when that started on a conference link or an
   * invitation (`#/c/demo`). Kept in memory: the hash routes never reload the page.
   */
  returnTo: string | null;
  setMe(me: Me | null): void;
  setReturnTo(href: string | null): void;
}

export const createAuthSlice: StateCreator<RoundsState, [], [], AuthSlice> = (set) => ({
  me: null,
  authStatus: 'unknown',
  returnTo: null,
  setMe: (me) => set({ me, authStatus: me ? 'signedIn' : 'signedOut' }),
  setReturnTo: (returnTo) => set({ returnTo }),
});

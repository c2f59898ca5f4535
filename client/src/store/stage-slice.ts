import type { MediaSource } from '@rounds/shared';
import type { StateCreator } from 'zustand';
import type { RoundsState } from './index';

/**
 * What the stage looks like to this browser. `waiting`: joined, nobody presenting yet;
 * `live`: media flowing; `ended`: the presenter stopped; `reconnecting`: media was lost and is being restored.
 */
export type StageStatus = 'idle' | 'connecting' | 'waiting' | 'live' | 'ended' | 'reconnecting' | 'error';

export interface RemoteTrack {
  producerId: string;
  peerId: string;
  userName: string;
  source: MediaSource;
  track: MediaStreamTrack;
}

export interface StageSlice {
  stageStatus: StageStatus;
  stageError: string | null;
  remoteTracks: RemoteTrack[];
  /** The presenter's own camera preview, and whether it is on air. */
  localStream: MediaStream | null;
  onAir: boolean;
  setStageStatus(status: StageStatus, error?: string): void;
  addRemoteTrack(track: RemoteTrack): void;
  removeRemoteTrack(producerId: string): void;
  clearRemoteTracks(): void;
  setLocalStream(stream: MediaStream | null): void;
  setOnAir(onAir: boolean): void;
}

export const createStageSlice: StateCreator<RoundsState, [], [], StageSlice> = (set) => ({
  stageStatus: 'idle',
  stageError: null,
  remoteTracks: [],
  localStream: null,
  onAir: false,
  setStageStatus: (stageStatus, error) => set({ stageStatus, stageError: error ?? null }),
  addRemoteTrack: (track) =>
    set((state) => ({ remoteTracks: [...state.remoteTracks.filter((t) => t.producerId !== track.producerId), track] })),
  removeRemoteTrack: (producerId) => set((state) => ({ remoteTracks: state.remoteTracks.filter((t) => t.producerId !== producerId) })),
  clearRemoteTracks: () => set({ remoteTracks: [] }),
  setLocalStream: (localStream) => set({ localStream }),
  setOnAir: (onAir) => set({ onAir }),
});

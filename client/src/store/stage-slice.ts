import type { MediaKind, MediaSource } from '@rounds/shared';
import type { StateCreator } from 'zustand';
import type { RoundsState } from './index';

/**
 * What the stage looks like to this browser. `waiting`: joined, nobody presenting yet;
 * `live`: media flowing; `ended`: the presenters stopped; `reconnecting`: media was lost and is being restored.
 */
export type StageStatus = 'idle' | 'connecting' | 'waiting' | 'live' | 'ended' | 'reconnecting' | 'error';

/** One stream this browser receives from a presenter (or an invited guest). */
export interface RemoteStream {
  producerId: string;
  peerId: string;
  userName: string;
  kind: MediaKind;
  source: MediaSource;
  track: MediaStreamTrack;
}

/**
 * An attendee's way onto the stage: `invited` (a moderator asked; camera and microphone not yet
 * allowed), `joining` (asking the browser, publishing), `onStage` (sending audio and video).
 */
export type GuestStatus = 'none' | 'invited' | 'joining' | 'onStage';

export interface StageSlice {
  stageStatus: StageStatus;
  stageError: string | null;
  /** This connection's peer id on the stage (notifications about "me" carry it). */
  myPeerId: string | null;
  remoteStreams: RemoteStream[];
  /** Producers their presenter has paused (muted, camera off), including ones not received yet. */
  pausedProducerIds: string[];
  activeSpeakerPeerId: string | null;
  /** The viewer asked for sound only: video consumers are paused on the server. */
  audioOnly: boolean;
  handRaised: boolean;
  guestStatus: GuestStatus;
  /** Why the guest left the stage, or what went wrong while joining it. */
  guestMessage: string | null;

  setStageStatus(status: StageStatus, error?: string): void;
  setMyPeerId(peerId: string | null): void;
  addRemoteStream(stream: RemoteStream): void;
  removeRemoteStream(producerId: string): void;
  clearRemoteStreams(): void;
  setProducerPaused(producerId: string, paused: boolean): void;
  setActiveSpeaker(peerId: string | null): void;
  setAudioOnly(audioOnly: boolean): void;
  setHandRaised(raised: boolean): void;
  setGuestStatus(status: GuestStatus, message?: string | null): void;
}

export const createStageSlice: StateCreator<RoundsState, [], [], StageSlice> = (set) => ({
  stageStatus: 'idle',
  stageError: null,
  myPeerId: null,
  remoteStreams: [],
  pausedProducerIds: [],
  activeSpeakerPeerId: null,
  audioOnly: false,
  handRaised: false,
  guestStatus: 'none',
  guestMessage: null,
  setStageStatus: (stageStatus, error) => set({ stageStatus, stageError: error ?? null }),
  setMyPeerId: (myPeerId) => set({ myPeerId }),
  addRemoteStream: (stream) =>
    set((state) => ({ remoteStreams: [...state.remoteStreams.filter((s) => s.producerId !== stream.producerId), stream] })),
  removeRemoteStream: (producerId) =>
    set((state) => ({
      remoteStreams: state.remoteStreams.filter((s) => s.producerId !== producerId),
      pausedProducerIds: state.pausedProducerIds.filter((id) => id !== producerId),
    })),
  clearRemoteStreams: () => set({ remoteStreams: [], pausedProducerIds: [], activeSpeakerPeerId: null }),
  setProducerPaused: (producerId, paused) =>
    set((state) => {
      const others = state.pausedProducerIds.filter((id) => id !== producerId);
      return { pausedProducerIds: paused ? [...others, producerId] : others };
    }),
  setActiveSpeaker: (activeSpeakerPeerId) => set({ activeSpeakerPeerId }),
  setAudioOnly: (audioOnly) => set({ audioOnly }),
  setHandRaised: (handRaised) => set({ handRaised }),
  setGuestStatus: (guestStatus, message = null) => set({ guestStatus, guestMessage: message }),
});

import type { StateCreator } from 'zustand';
import type { RoundsState } from './index';

export interface DeviceOption {
  deviceId: string;
  label: string;
}

/** An attendee who asked to speak, or who is on the stage as a guest. */
export interface StagePerson {
  peerId: string;
  userName: string;
}

/**
 * What this browser sends: camera and microphone (the studio's preview, or an invited guest's),
 * the screen share, mute states, and the crew's queue of raised hands and guests.
 */
export interface StudioSlice {
  /** Camera and microphone, as previewed and as sent. */
  localStream: MediaStream | null;
  screenTrack: MediaStreamTrack | null;
  cameras: DeviceOption[];
  microphones: DeviceOption[];
  cameraId: string | null;
  microphoneId: string | null;
  /** Microphone loudness, 0 (silence) to 100. */
  micLevel: number;
  micMuted: boolean;
  cameraOff: boolean;
  /** The presenter's streams are on the stage. */
  onAir: boolean;
  raisedHands: StagePerson[];
  guests: StagePerson[];

  setLocalStream(stream: MediaStream | null): void;
  setScreenTrack(track: MediaStreamTrack | null): void;
  setDevices(devices: { cameras: DeviceOption[]; microphones: DeviceOption[] }): void;
  setSelectedDevices(selected: { cameraId?: string | null; microphoneId?: string | null }): void;
  setMicLevel(level: number): void;
  setMicMuted(muted: boolean): void;
  setCameraOff(off: boolean): void;
  setOnAir(onAir: boolean): void;
  setHand(person: StagePerson, raised: boolean): void;
  setGuest(person: StagePerson, onStage: boolean): void;
  clearQueue(): void;
}

const without = (people: StagePerson[], peerId: string) => people.filter((p) => p.peerId !== peerId);

export const createStudioSlice: StateCreator<RoundsState, [], [], StudioSlice> = (set) => ({
  localStream: null,
  screenTrack: null,
  cameras: [],
  microphones: [],
  cameraId: null,
  microphoneId: null,
  micLevel: 0,
  micMuted: false,
  cameraOff: false,
  onAir: false,
  raisedHands: [],
  guests: [],
  setLocalStream: (localStream) => set({ localStream }),
  setScreenTrack: (screenTrack) => set({ screenTrack }),
  setDevices: ({ cameras, microphones }) => set({ cameras, microphones }),
  setSelectedDevices: (selected) => set(selected),
  setMicLevel: (micLevel) => set({ micLevel }),
  setMicMuted: (micMuted) => set({ micMuted }),
  setCameraOff: (cameraOff) => set({ cameraOff }),
  setOnAir: (onAir) => set({ onAir }),
  setHand: (person, raised) => set((state) => ({ raisedHands: raised ? [...without(state.raisedHands, person.peerId), person] : without(state.raisedHands, person.peerId) })),
  setGuest: (person, onStage) =>
    set((state) => ({
      guests: onStage ? [...without(state.guests, person.peerId), person] : without(state.guests, person.peerId),
      // Once on the stage, the question is being asked: the hand comes down.
      raisedHands: without(state.raisedHands, person.peerId),
    })),
  clearQueue: () => set({ raisedHands: [], guests: [] }),
});

import { adviceFor } from '../api/http';
import type { DeviceOption } from '../store/studio-slice';
import { useRounds } from '../store';
import { MicLevelMeter } from './mic-level-meter';

const cameraConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };

/** What the browser said, in words a speaker can act on. */
export function mediaProblem(error: unknown, what = 'your camera or microphone'): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return `Rounds is not allowed to use ${what}. Allow it in the browser’s address bar, then try again.`;
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return `No ${what} was found. Connect one and try again.`;
  if (name === 'NotReadableError') return `${what[0]!.toUpperCase()}${what.slice(1)} is in use by another application. Close it and try again.`;
  return `Rounds could not start ${what}. Try again, or choose another device.`;
}

/** What went wrong, in words: the browser's refusal of a device, or the server's advice. */
export function problemText(error: unknown): string {
  return error instanceof DOMException ? mediaProblem(error) : adviceFor(error);
}

/**
 * This browser's camera, microphone and screen: opens them with the chosen devices, lists the
 * devices (labels are only known after permission), measures the microphone, and keeps the store's
 * preview in step. The tracks live here, not in the producers, so they survive a reconnection.
 */
export class LocalMedia {
  #camera: MediaStreamTrack | null = null;
  #microphone: MediaStreamTrack | null = null;
  #screen: MediaStreamTrack | null = null;
  #meter: MicLevelMeter | null = null;
  #listening = false;

  get camera(): MediaStreamTrack | null {
    return this.#camera;
  }

  get microphone(): MediaStreamTrack | null {
    return this.#microphone;
  }

  get screen(): MediaStreamTrack | null {
    return this.#screen;
  }

  /** Opens camera and microphone (the chosen ones, else the defaults) unless they are already open. */
  async start(): Promise<void> {
    if (this.#camera?.readyState === 'live' && this.#microphone?.readyState === 'live') return;
    const { cameraId, microphoneId } = useRounds.getState();
    const stream = await navigator.mediaDevices.getUserMedia({
      video: { ...cameraConstraints, ...(cameraId ? { deviceId: { ideal: cameraId } } : {}) },
      audio: { echoCancellation: true, noiseSuppression: true, ...(microphoneId ? { deviceId: { ideal: microphoneId } } : {}) },
    });
    this.#camera = stream.getVideoTracks()[0] ?? null;
    this.#microphone = stream.getAudioTracks()[0] ?? null;
    const store = useRounds.getState();
    this.setEnabled('video', !store.cameraOff);
    this.setEnabled('audio', !store.micMuted);
    store.setSelectedDevices({
      cameraId: this.#camera?.getSettings().deviceId ?? null,
      microphoneId: this.#microphone?.getSettings().deviceId ?? null,
    });
    this.#publishPreview();
    this.#startMeter();
    if (!this.#listening) {
      this.#listening = true;
      navigator.mediaDevices.addEventListener('devicechange', this.#refreshDevices);
    }
    await this.#refreshDevices();
  }

  /** Opens another camera and returns its track; the caller swaps it into the producer, then `commit`s. */
  async openCamera(deviceId: string): Promise<MediaStreamTrack> {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { ...cameraConstraints, deviceId: { exact: deviceId } } });
    const track = stream.getVideoTracks()[0]!;
    track.enabled = !useRounds.getState().cameraOff;
    return track;
  }

  async openMicrophone(deviceId: string): Promise<MediaStreamTrack> {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, deviceId: { exact: deviceId } } });
    const track = stream.getAudioTracks()[0]!;
    track.enabled = !useRounds.getState().micMuted;
    return track;
  }

  /** Makes a newly opened device the one in use, stopping the previous one. */
  commit(track: MediaStreamTrack): void {
    const previous = track.kind === 'video' ? this.#camera : this.#microphone;
    if (track.kind === 'video') this.#camera = track;
    else this.#microphone = track;
    if (previous !== track) previous?.stop();
    const deviceId = track.getSettings().deviceId ?? null;
    useRounds.getState().setSelectedDevices(track.kind === 'video' ? { cameraId: deviceId } : { microphoneId: deviceId });
    this.#publishPreview();
    if (track.kind === 'audio') this.#startMeter();
  }

  setEnabled(kind: 'audio' | 'video', enabled: boolean): void {
    const track = kind === 'audio' ? this.#microphone : this.#camera;
    if (track) track.enabled = enabled;
  }

  /** Asks the browser for a screen, window or tab; `onEnded` runs when its "Stop sharing" is pressed. */
  async openScreen(onEnded: () => void): Promise<MediaStreamTrack> {
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { ideal: 15, max: 30 } }, audio: false });
    const track = stream.getVideoTracks()[0]!;
    // Slides: keep text sharp rather than motion smooth when the encoder must choose.
    track.contentHint = 'detail';
    track.addEventListener('ended', onEnded);
    this.#screen = track;
    useRounds.getState().setScreenTrack(track);
    return track;
  }

  stopScreen(): void {
    this.#screen?.stop();
    this.#screen = null;
    useRounds.getState().setScreenTrack(null);
  }

  /** Releases every device (the camera light goes off). */
  stop(): void {
    this.#meter?.close();
    this.#meter = null;
    this.#camera?.stop();
    this.#microphone?.stop();
    this.#camera = null;
    this.#microphone = null;
    this.stopScreen();
    if (this.#listening) navigator.mediaDevices.removeEventListener('devicechange', this.#refreshDevices);
    this.#listening = false;
    const store = useRounds.getState();
    store.setLocalStream(null);
    store.setMicLevel(0);
  }

  #publishPreview(): void {
    const tracks = [this.#camera, this.#microphone].filter((t): t is MediaStreamTrack => t !== null);
    useRounds.getState().setLocalStream(tracks.length ? new MediaStream(tracks) : null);
  }

  #startMeter(): void {
    this.#meter?.close();
    this.#meter = this.#microphone ? new MicLevelMeter(this.#microphone, (level) => useRounds.getState().setMicLevel(level)) : null;
  }

  readonly #refreshDevices = async (): Promise<void> => {
    const devices = await navigator.mediaDevices.enumerateDevices();
    const options = (kind: MediaDeviceKind, fallback: string): DeviceOption[] =>
      devices
        .filter((d) => d.kind === kind && d.deviceId !== '')
        .map((d, index) => ({ deviceId: d.deviceId, label: d.label || `${fallback} ${index + 1}` }));
    useRounds.getState().setDevices({ cameras: options('videoinput', 'Camera'), microphones: options('audioinput', 'Microphone') });
  };
}

import { Device, type types } from 'mediasoup-client';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, StageProducer } from '@rounds/shared';
import { ApiError } from '../api/http';
import { useRounds } from '../store';
import { LocalMedia } from './local-media';
import { Publisher } from './publisher';
import { StageReceiver, type StreamStats } from './stage-receiver';
import type { StageRequest } from './stage-transport';

/** What the user asked for, so a lost connection can be restored without them. */
interface Intent {
  sessionId: string;
  /** `watch`: the session page; `studio`: the speaker studio (receives the other presenters too). */
  mode: 'watch' | 'studio';
  /** The studio wants to be on air. */
  live: boolean;
}

/** Media objects of one stage visit; thrown away whole when the stage is left or must be rejoined. */
interface Visit {
  intent: Intent;
  peerId: string | null;
  device: Device | null;
  receiver: StageReceiver | null;
  publisher: Publisher | null;
  /** Streams announced before the receive transport was ready; consumed once it is. */
  pending: StageProducer[];
  closed: boolean;
}

const firstRetryMs = 500;
const maxRetryMs = 8_000;

/** Failures a later attempt may not meet: the server or its media restarting, a room that just closed. */
function retryable(code: string): boolean {
  return code.startsWith('server.') || code.startsWith('media.') || code === 'stage.notLive';
}

/**
 * The live stage for this tab: joining and rejoining, receiving (`StageReceiver`), presenting and
 * guest appearances (`Publisher` with `LocalMedia`), raised hands. Turns stage notifications into
 * store updates; components call its intent methods and read the store. Right after the join ack the
 * server catches a newcomer up with notifications (paused streams, active speaker, guests, hands).
 */
export class StageController {
  readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly #request: StageRequest;
  readonly #local = new LocalMedia();
  #visit: Visit | null = null;
  #intent: Intent | null = null;
  /** A rejoin that failed is tried again after this long (doubling up to `maxRetryMs`). */
  #retryMs = 0;
  #retryTimer: number | undefined;

  constructor(socket: Socket<ServerToClientEvents, ClientToServerEvents>, request: StageRequest) {
    this.#socket = socket;
    this.#request = request;
    const store = () => useRounds.getState();
    const mine = (sessionId: string) => (this.#visit?.intent.sessionId === sessionId ? this.#visit : null);

    socket.on('connect', () => {
      if (this.#intent && this.#visit === null) void this.#restore('The connection came back.');
    });
    socket.on('disconnect', () => {
      if (!this.#intent) return;
      this.#dropVisit();
      store().setStageStatus('reconnecting', 'The connection to Rounds dropped.');
    });
    socket.on('stage.producerAdded', (producer) => {
      const visit = mine(producer.sessionId);
      if (!visit || producer.peerId === visit.peerId) return;
      if (visit.intent.mode === 'watch') store().setStageStatus('live');
      if (visit.receiver) void this.#consumeSafely(visit, producer);
      else visit.pending.push(producer);
    });
    socket.on('stage.producerClosed', ({ sessionId, producerId }) => {
      const visit = mine(sessionId);
      if (!visit) return;
      visit.pending = visit.pending.filter((p) => p.producerId !== producerId);
      visit.receiver?.drop(producerId);
    });
    socket.on('stage.producerPaused', ({ sessionId, producerId }) => mine(sessionId) && store().setProducerPaused(producerId, true));
    socket.on('stage.producerResumed', ({ sessionId, producerId }) => mine(sessionId) && store().setProducerPaused(producerId, false));
    socket.on('stage.activeSpeaker', ({ sessionId, peerId }) => mine(sessionId) && store().setActiveSpeaker(peerId));
    socket.on('stage.ended', ({ sessionId }) => {
      if (mine(sessionId)?.intent.mode !== 'watch') return;
      store().clearRemoteStreams();
      store().setStageStatus('ended');
    });
    socket.on('stage.rejoinRequired', ({ sessionId, reason }) => {
      if (!mine(sessionId)) return;
      this.#dropVisit();
      void this.#restore(reason);
    });
    socket.on('stage.handRaised', ({ sessionId, peerId, userName, raised }) => mine(sessionId) && store().setHand({ peerId, userName }, raised));
    socket.on('stage.guestChanged', ({ sessionId, peerId, userName, onStage }) => {
      const visit = mine(sessionId);
      if (!visit) return;
      store().setGuest({ peerId, userName }, onStage);
      if (peerId !== visit.peerId) return;
      if (onStage) {
        store().setHandRaised(false);
        if (store().guestStatus === 'none') store().setGuestStatus('invited');
      } else if (store().guestStatus !== 'none') {
        this.#endGuestTurn(visit, 'The moderator closed your turn on stage. Thank you for your question.');
      }
    });
  }

  // ---- viewing ----

  /** Joins the session's stage as a viewer and plays whatever is on air. */
  async watch(sessionId: string): Promise<void> {
    this.#stopRetrying();
    this.#intent = { sessionId, mode: 'watch', live: false };
    await this.#enter(this.#intent);
  }

  /** Sound only: the server stops sending video to this viewer (and starts again when turned off). */
  async setAudioOnly(audioOnly: boolean): Promise<void> {
    const store = useRounds.getState();
    store.setAudioOnly(audioOnly);
    try {
      await this.#visit?.receiver?.setAudioOnly(audioOnly);
    } catch (error) {
      store.setAudioOnly(!audioOnly);
      throw error;
    }
  }

  /** A player of a camera stream changed size; the layer follows it. */
  setPlayerWidth(producerId: string, width: number): void {
    this.#visit?.receiver?.setPlayerWidth(producerId, width);
  }

  async raiseHand(raised: boolean): Promise<void> {
    const visit = this.#joined();
    await this.#request('stage.raiseHand', { sessionId: visit.intent.sessionId, raised });
    useRounds.getState().setHandRaised(raised);
  }

  /** The invited attendee allows camera and microphone and goes on the stage with them. */
  async acceptInvitation(): Promise<void> {
    const visit = this.#joined();
    const store = useRounds.getState();
    store.setGuestStatus('joining');
    try {
      await this.#local.start();
      await this.#publishLocal(visit, { screen: false });
      store.setGuestStatus('onStage');
    } catch (error) {
      visit.publisher?.close();
      visit.publisher = null;
      this.#local.stop();
      if (!visit.closed) store.setGuestStatus('invited', error instanceof ApiError ? error.advice : null);
      throw error;
    }
  }

  async declineInvitation(): Promise<void> {
    useRounds.getState().setGuestStatus('none');
    await this.raiseHand(false);
  }

  /** The guest is done: their streams close and they are back in the audience. */
  async leaveGuestStage(): Promise<void> {
    const visit = this.#joined();
    const publisher = visit.publisher;
    await Promise.all(publisher?.sources.map((source) => publisher.unpublish(source)) ?? []);
    this.#endGuestTurn(visit, 'You left the stage and are back in the audience.');
  }

  // ---- presenting ----

  /** The studio asked to be on air (it goes back on air by itself after a reconnection). */
  get wantsLive(): boolean {
    return this.#intent?.mode === 'studio' && this.#intent.live;
  }

  /** Opens the studio: joins the stage backstage, so the crew see raised hands and the other presenters. */
  async openStudio(sessionId: string): Promise<void> {
    this.#stopRetrying();
    this.#intent = { sessionId, mode: 'studio', live: false };
    await this.#enter(this.#intent);
  }

  /** Camera and microphone for the preview (and, once live, for the stage). */
  async startPreview(): Promise<void> {
    await this.#local.start();
  }

  /** Sends the previewed camera and microphone (and the screen, if shared) to the stage. */
  async goLive(): Promise<void> {
    const visit = this.#joined();
    await this.#local.start();
    visit.intent.live = true;
    await this.#publishLocal(visit, { screen: true });
  }

  async stopPresenting(): Promise<void> {
    const visit = this.#joined();
    visit.intent.live = false;
    await this.#request('stage.stopPresenting', { sessionId: visit.intent.sessionId });
    visit.publisher?.close();
    visit.publisher = null;
    this.#local.stopScreen();
    useRounds.getState().setOnAir(false);
  }

  async setMicMuted(muted: boolean): Promise<void> {
    useRounds.getState().setMicMuted(muted);
    this.#local.setEnabled('audio', !muted);
    await this.#visit?.publisher?.setPaused('microphone', muted);
  }

  async setCameraOff(off: boolean): Promise<void> {
    useRounds.getState().setCameraOff(off);
    this.#local.setEnabled('video', !off);
    await this.#visit?.publisher?.setPaused('camera', off);
  }

  /** Switches camera; on air, the new track replaces the old one in the same producer. */
  async selectCamera(deviceId: string): Promise<void> {
    const track = await this.#local.openCamera(deviceId);
    await this.#visit?.publisher?.replaceTrack('camera', track);
    this.#local.commit(track);
  }

  async selectMicrophone(deviceId: string): Promise<void> {
    const track = await this.#local.openMicrophone(deviceId);
    await this.#visit?.publisher?.replaceTrack('microphone', track);
    this.#local.commit(track);
  }

  /** Shares a screen beside the camera; the browser's own "Stop sharing" ends it too. */
  async startScreenShare(): Promise<void> {
    const track = await this.#local.openScreen(() => void this.stopScreenShare());
    const publisher = this.#visit?.publisher;
    if (publisher) await publisher.publish('screen', track);
  }

  async stopScreenShare(): Promise<void> {
    this.#local.stopScreen();
    await this.#visit?.publisher?.unpublish('screen');
  }

  async inviteGuest(peerId: string): Promise<void> {
    await this.#request('stage.inviteGuest', { sessionId: this.#joined().intent.sessionId, peerId });
  }

  async removeGuest(peerId: string): Promise<void> {
    await this.#request('stage.removeGuest', { sessionId: this.#joined().intent.sessionId, peerId });
  }

  // ---- both ----

  /** Leaves the stage and releases camera, microphone and screen. */
  async leave(): Promise<void> {
    const visit = this.#visit;
    this.#intent = null;
    this.#stopRetrying();
    this.#dropVisit();
    this.#local.stop();
    const store = useRounds.getState();
    store.setStageStatus('idle');
    store.setMicMuted(false);
    store.setCameraOff(false);
    store.setAudioOnly(false);
    store.setGuestStatus('none');
    if (visit && this.#socket.connected) await this.#request('stage.leave', { sessionId: visit.intent.sessionId });
  }

  /** Per-stream receive counters: support staff read them in the console, the end-to-end tests too. */
  async receiveStats(): Promise<StreamStats[]> {
    return (await this.#visit?.receiver?.stats()) ?? [];
  }

  /** The receive transport's protocol (`udp`, `tcp`), null while not connected. */
  async receiveProtocol(): Promise<'udp' | 'tcp' | null> {
    return (await this.#visit?.receiver?.protocol()) ?? null;
  }

  /** `quiet`: a failure is not put on screen (a rejoin that will be tried again stays "reconnecting"). */
  async #enter(intent: Intent, { quiet = false } = {}): Promise<void> {
    const store = useRounds.getState();
    this.#dropVisit();
    if (store.stageStatus !== 'reconnecting') store.setStageStatus('connecting');
    const visit: Visit = { intent, peerId: null, device: null, receiver: null, publisher: null, pending: [], closed: false };
    this.#visit = visit;
    const onFailed = () => this.#mediaFailed(visit);
    try {
      const joining = this.#request('stage.join', { sessionId: intent.sessionId });
      // Sent without waiting: the server runs it right after the join (requests after a join wait
      // for it), which saves a round trip. If the join fails, its error is the one shown.
      const receiveTransport = this.#request('media.createTransport', { sessionId: intent.sessionId, direction: 'recv' });
      receiveTransport.catch(() => undefined);
      const joined = await joining;
      if (visit.closed) return;
      visit.peerId = joined.peerId;
      store.setMyPeerId(joined.peerId);
      if (intent.mode === 'studio' && !joined.canPresent) throw new ApiError('auth.forbidden', 'Only this session’s speakers and moderators can present.');
      const device = new Device();
      await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities as types.RtpCapabilities });
      visit.device = device;
      const receiver = await StageReceiver.open(device, this.#request, intent.sessionId, onFailed, receiveTransport);
      if (visit.closed) return receiver.close();
      visit.receiver = receiver;
      const known = new Set(joined.producers.map((p) => p.producerId));
      const onAir = [...joined.producers, ...visit.pending.filter((p) => !known.has(p.producerId))].filter((p) => p.peerId !== visit.peerId);
      visit.pending = [];
      store.setStageStatus(onAir.length > 0 ? 'live' : 'waiting');
      if (intent.mode === 'studio' && intent.live) await this.#publishLocal(visit, { screen: true });
      await receiver.consume(...onAir);
    } catch (error) {
      if (visit.closed) return;
      const apiError = error instanceof ApiError ? error : new ApiError('server.internal', String(error));
      if (!quiet) store.setStageStatus('error', apiError.advice);
      throw apiError;
    }
  }

  /** Opens a send transport and sends camera and microphone (paused if muted), and the screen when asked. */
  async #publishLocal(visit: Visit, { screen }: { screen: boolean }): Promise<void> {
    const store = useRounds.getState();
    if (!visit.device) throw new ApiError('stage.notLive', 'The stage is not joined yet.');
    const publisher = visit.publisher ?? (await Publisher.open(visit.device, this.#request, visit.intent.sessionId, () => this.#mediaFailed(visit)));
    visit.publisher = publisher;
    const { camera, microphone } = this.#local;
    if (camera) await publisher.publish('camera', camera, store.cameraOff);
    if (microphone) await publisher.publish('microphone', microphone, store.micMuted);
    const shared = this.#local.screen;
    if (screen && shared?.readyState === 'live') await publisher.publish('screen', shared);
    if (visit.closed) return publisher.close();
    if (visit.intent.mode === 'studio') store.setOnAir(true);
  }

  async #consumeSafely(visit: Visit, producer: StageProducer): Promise<void> {
    try {
      await visit.receiver?.consume(producer);
    } catch (error) {
      // A stream that ends while being set up is not a failure worth showing.
      if (visit.closed || (error instanceof ApiError && error.code === 'media.producerNotFound')) return;
      useRounds.getState().setStageStatus('error', error instanceof ApiError ? error.advice : 'A stream could not be played.');
    }
  }

  /** ICE or DTLS gave up on a transport: start the visit again, as after a lost connection. */
  #mediaFailed(visit: Visit): void {
    if (visit !== this.#visit) return;
    this.#dropVisit();
    void this.#restore('The media connection was lost.');
  }

  /**
   * Joins again after media or the connection was lost. A failure that may pass (the server still
   * replacing a media worker, a restart under way) is retried with backoff, so the player comes back
   * by itself; only a refusal (signed out, no longer allowed, session gone) is put on screen.
   */
  async #restore(reason: string): Promise<void> {
    window.clearTimeout(this.#retryTimer);
    const intent = this.#intent;
    if (!intent || !this.#socket.connected) return;
    useRounds.getState().setStageStatus('reconnecting', reason);
    try {
      await this.#enter(intent, { quiet: true });
      this.#retryMs = 0;
    } catch (error) {
      if (this.#intent !== intent) return;
      const code = error instanceof ApiError ? error.code : 'server.internal';
      if (!retryable(code)) {
        useRounds.getState().setStageStatus('error', error instanceof ApiError ? error.advice : String(error));
        return;
      }
      this.#retryMs = Math.min(maxRetryMs, this.#retryMs ? this.#retryMs * 2 : firstRetryMs);
      this.#retryTimer = window.setTimeout(() => void this.#restore(reason), this.#retryMs);
    }
  }

  #stopRetrying(): void {
    window.clearTimeout(this.#retryTimer);
    this.#retryMs = 0;
  }

  #endGuestTurn(visit: Visit, message: string): void {
    visit.publisher?.close();
    visit.publisher = null;
    this.#local.stop();
    const store = useRounds.getState();
    store.setMicMuted(false);
    store.setCameraOff(false);
    store.setGuestStatus('none', message);
  }

  #dropVisit(): void {
    const visit = this.#visit;
    this.#visit = null;
    if (!visit) return;
    visit.closed = true;
    visit.receiver?.close();
    visit.publisher?.close();
    const store = useRounds.getState();
    // A guest's turn belongs to the connection; the studio keeps its camera to go back on air.
    if (store.guestStatus !== 'none') this.#endGuestTurn(visit, 'The connection dropped, so you left the stage. Raise your hand again to continue.');
    store.clearRemoteStreams();
    store.clearQueue();
    store.setOnAir(false);
    store.setHandRaised(false);
    store.setMyPeerId(null);
  }

  #joined(): Visit {
    if (!this.#visit?.peerId) throw new ApiError('stage.notLive', 'The stage is not joined yet.');
    return this.#visit;
  }
}

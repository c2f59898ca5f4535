import { Device, type types } from 'mediasoup-client';
import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  Me,
  MediaSource,
  Profile,
  ProfileBody,
  RequestName,
  RequestPayload,
  RequestResponse,
  Role,
  ServerToClientEvents,
  StageProducer,
} from '@rounds/shared';
import { postAcceptInvitation, postAttend, postPasswordReset, postPasswordResetConfirm, postRegister, postSignIn, putProfile } from './api/accounts';
import { ApiError, adviceFor, api, toApiError } from './api/http';
import { fetchMyConferences, fetchProgram, putScheduled } from './api/program';
import { useRounds } from './store';

const requestTimeoutMs = 10_000;

/** Media objects of one stage visit; thrown away whole when the stage is left or must be rejoined. */
interface StageVisit {
  sessionId: string;
  mode: 'watch' | 'present';
  device: Device;
  recvTransport?: types.Transport;
  sendTransport?: types.Transport;
  consumers: Map<string, types.Consumer>;
  /** Streams announced before the receive transport was ready; consumed once it is. */
  pending: StageProducer[];
}

/**
 * Owns the socket and mediasoup-client for this browser tab and turns server events into store
 * updates. Components call its intent methods (`watch`, `present`, ...) and read the store.
 */
export class ConferenceClient {
  readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  #visit: StageVisit | null = null;
  /** What the user asked for, so a lost connection can be restored without them. */
  #intent: { sessionId: string; mode: 'watch' | 'present' } | null = null;
  /** Counts program loads, so only the newest answer reaches the store. */
  #programRequest = 0;

  constructor() {
    this.#socket = io({ path: '/socket.io', withCredentials: true, autoConnect: false });
    this.#socket.on('connect', () => {
      if (this.#intent && this.#visit === null) void this.#restore('The connection came back.');
    });
    this.#socket.on('disconnect', () => {
      if (!this.#intent) return;
      this.#dropVisit();
      useRounds.getState().setStageStatus('reconnecting');
    });
    this.#socket.on('stage.producerAdded', (producer) => {
      if (this.#visit?.mode === 'watch' && producer.sessionId === this.#visit.sessionId) void this.#consumeSafely(producer);
    });
    this.#socket.on('stage.producerClosed', ({ producerId }) => useRounds.getState().removeRemoteTrack(producerId));
    this.#socket.on('stage.ended', ({ sessionId }) => {
      if (this.#visit?.sessionId !== sessionId || this.#visit.mode !== 'watch') return;
      useRounds.getState().clearRemoteTracks();
      useRounds.getState().setStageStatus('ended');
    });
    this.#socket.on('stage.rejoinRequired', ({ sessionId, reason }) => {
      if (this.#visit?.sessionId !== sessionId) return;
      this.#dropVisit();
      void this.#restore(reason);
    });
  }

  // ---- accounts ----

  async loadMe(): Promise<void> {
    try {
      useRounds.getState().setMe(await api<Me>('/api/me'));
      this.#socket.connect();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'auth.required') useRounds.getState().setMe(null);
      else throw error;
    }
  }

  async signIn(email: string, password: string): Promise<void> {
    await postSignIn({ email, password });
    await this.#startSession();
  }

  /** Creates the account and signs it in (the server sets the session cookie). */
  async register(body: { name: string; email: string; password: string }): Promise<void> {
    await postRegister(body);
    await this.#startSession();
  }

  async signOut(): Promise<void> {
    await this.leaveStage();
    await api('/api/auth/sign-out', { method: 'POST' });
    this.#socket.disconnect();
    useRounds.getState().clearProgram();
    useRounds.getState().setMe(null);
  }

  /** Always resolves the same way for known and unknown emails; the server never says which. */
  async requestPasswordReset(email: string): Promise<void> {
    await postPasswordReset(email);
  }

  /** Sets the new password. The server signs that account out everywhere, so who we are is asked again. */
  async resetPassword(token: string, password: string): Promise<void> {
    await postPasswordResetConfirm(token, password);
    if (useRounds.getState().me) {
      this.#socket.disconnect();
      useRounds.getState().clearProgram();
      await this.loadMe();
    }
  }

  /** Joins the invitation's conference in its role; the new membership shows at once. */
  async acceptInvitation(token: string): Promise<{ conferenceId: string; role: Role }> {
    const accepted = await postAcceptInvitation(token);
    await this.#refreshMemberships();
    return accepted;
  }

  /** Self-registration as an attendee of a conference (idempotent on the server). */
  async attend(conferenceId: string): Promise<void> {
    await postAttend(conferenceId);
    await this.#refreshMemberships();
  }

  async saveProfile(body: ProfileBody): Promise<Profile> {
    const profile = await putProfile(body);
    const me = useRounds.getState().me;
    if (me) useRounds.getState().setMe({ ...me, name: profile.name });
    return profile;
  }

  async #startSession(): Promise<void> {
    // The socket authenticates at connection time, so it reconnects with the new cookie.
    this.#socket.disconnect();
    useRounds.getState().clearProgram();
    await this.loadMe();
  }

  async #refreshMemberships(): Promise<void> {
    useRounds.getState().setMe(await api<Me>('/api/me'));
    if (useRounds.getState().myConferences) await this.loadMyConferences();
  }

  // ---- conferences and program ----

  async loadMyConferences(): Promise<void> {
    const store = useRounds.getState();
    store.setMyConferencesLoading();
    try {
      store.setMyConferences(await fetchMyConferences());
    } catch (error) {
      store.setMyConferencesError(adviceFor(error, 'Your conferences could not be loaded.'));
    }
  }

  /**
   * Loads one conference's program into the store. Loading the conference already shown refreshes it
   * in place (no loading flash), so organizer pages can call it after every change.
   */
  async loadProgram(conferenceId: string): Promise<void> {
    const request = ++this.#programRequest;
    const store = useRounds.getState();
    if (store.program?.conference.id !== conferenceId) store.setProgramLoading();
    try {
      const program = await fetchProgram(conferenceId);
      // A later call (another conference) wins over an earlier answer that arrives late.
      if (request === this.#programRequest) useRounds.getState().setProgram(program);
    } catch (error) {
      if (request !== this.#programRequest) return;
      const apiError = error instanceof ApiError ? error : new ApiError('server.internal', String(error));
      useRounds.getState().setProgramError(apiError.advice, apiError.code);
    }
  }

  /** Adds the session to the personal schedule, or removes it; shown at once and rolled back if the server says no. */
  async toggleSchedule(sessionId: string): Promise<void> {
    const store = useRounds.getState();
    const program = store.program;
    if (!program) return;
    const wasScheduled = program.mySchedule.includes(sessionId);
    store.setScheduleError(null);
    store.setScheduled(sessionId, !wasScheduled);
    try {
      await putScheduled(program.conference.id, sessionId, !wasScheduled);
    } catch (error) {
      const now = useRounds.getState();
      if (now.program?.conference.id !== program.conference.id) return;
      now.setScheduled(sessionId, wasScheduled);
      const what = wasScheduled ? 'could not be removed from' : 'could not be added to';
      now.setScheduleError({ sessionId, message: `The session ${what} your schedule. ${adviceFor(error)}` });
    }
  }

  // ---- the stage ----

  /** Joins the session's stage as a viewer and plays whatever is on air. */
  async watch(sessionId: string): Promise<void> {
    this.#intent = { sessionId, mode: 'watch' };
    await this.#enter(sessionId, 'watch');
  }

  /** Asks for camera and microphone; the preview shows before going live. */
  async startPreview(): Promise<void> {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 }, audio: true });
    useRounds.getState().setLocalStream(stream);
  }

  /** Joins as presenter and sends the previewed camera and microphone to the stage. */
  async goLive(sessionId: string): Promise<void> {
    if (!useRounds.getState().localStream) await this.startPreview();
    this.#intent = { sessionId, mode: 'present' };
    await this.#enter(sessionId, 'present');
  }

  async stopPresenting(): Promise<void> {
    const visit = this.#visit;
    if (!visit || visit.mode !== 'present') return;
    await this.#request('stage.stopPresenting', { sessionId: visit.sessionId });
    visit.sendTransport?.close();
    visit.sendTransport = undefined;
    useRounds.getState().setOnAir(false);
  }

  async leaveStage(): Promise<void> {
    const visit = this.#visit;
    this.#intent = null;
    this.#dropVisit();
    const store = useRounds.getState();
    store.localStream?.getTracks().forEach((track) => track.stop());
    store.setLocalStream(null);
    store.setStageStatus('idle');
    if (visit && this.#socket.connected) await this.#request('stage.leave', { sessionId: visit.sessionId });
  }

  /** Receive-side counters for the connection panel and for end-to-end tests. */
  async receiveStats(): Promise<{ framesDecoded: number; audioPacketsReceived: number }> {
    let framesDecoded = 0;
    let audioPacketsReceived = 0;
    for (const consumer of this.#visit?.consumers.values() ?? []) {
      (await consumer.getStats()).forEach((report: { type: string; kind?: string; framesDecoded?: number; packetsReceived?: number }) => {
        if (report.type !== 'inbound-rtp') return;
        if (report.kind === 'video') framesDecoded += report.framesDecoded ?? 0;
        if (report.kind === 'audio') audioPacketsReceived += report.packetsReceived ?? 0;
      });
    }
    return { framesDecoded, audioPacketsReceived };
  }

  async #enter(sessionId: string, mode: 'watch' | 'present'): Promise<void> {
    const store = useRounds.getState();
    this.#dropVisit();
    store.setStageStatus('connecting');
    try {
      const joined = await this.#request('stage.join', { sessionId });
      const device = new Device();
      await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities as types.RtpCapabilities });
      const visit: StageVisit = { sessionId, mode, device, consumers: new Map(), pending: [] };
      this.#visit = visit;
      if (mode === 'present') {
        if (!joined.canPresent) throw new ApiError('auth.forbidden', 'Only this session’s speakers and moderators can present.');
        await this.#publish(visit);
        store.setStageStatus('live');
        return;
      }
      visit.recvTransport = await this.#createTransport(visit, 'recv');
      const onAir = [...joined.producers, ...visit.pending.filter((p) => !joined.producers.some((j) => j.producerId === p.producerId))];
      store.setStageStatus(onAir.length > 0 ? 'live' : 'waiting');
      await Promise.all(onAir.map((producer) => this.#consume(visit, producer)));
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('server.internal', String(error));
      store.setStageStatus('error', apiError.advice);
      throw apiError;
    }
  }

  async #publish(visit: StageVisit): Promise<void> {
    const stream = useRounds.getState().localStream;
    if (!stream) throw new ApiError('request.invalid', 'No camera or microphone is available.');
    visit.sendTransport = await this.#createTransport(visit, 'send');
    for (const track of stream.getTracks()) {
      const source: MediaSource = track.kind === 'video' ? 'camera' : 'microphone';
      await visit.sendTransport.produce({ track, appData: { source } });
    }
    useRounds.getState().setOnAir(true);
  }

  async #createTransport(visit: StageVisit, direction: 'send' | 'recv'): Promise<types.Transport> {
    const { sessionId } = visit;
    const options = await this.#request('media.createTransport', { sessionId, direction });
    const transportOptions = {
      id: options.transportId,
      iceParameters: options.iceParameters as unknown as types.IceParameters,
      iceCandidates: options.iceCandidates as unknown as types.IceCandidate[],
      dtlsParameters: options.dtlsParameters as unknown as types.DtlsParameters,
    };
    const transport =
      direction === 'send' ? visit.device.createSendTransport(transportOptions) : visit.device.createRecvTransport(transportOptions);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.#request('media.connectTransport', { sessionId, transportId: transport.id, dtlsParameters }).then(() => callback(), errback);
    });
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      const source = appData.source as MediaSource;
      this.#request('media.produce', { sessionId, transportId: transport.id, kind, source, rtpParameters: { ...rtpParameters } }).then(
        ({ producerId }) => callback({ id: producerId }),
        errback,
      );
    });
    return transport;
  }

  async #consume(visit: StageVisit, producer: StageProducer): Promise<void> {
    const transport = visit.recvTransport;
    if (!transport) {
      visit.pending.push(producer);
      return;
    }
    const { sessionId } = visit;
    const answer = await this.#request('media.consume', {
      sessionId,
      transportId: transport.id,
      producerId: producer.producerId,
      rtpCapabilities: { ...visit.device.rtpCapabilities },
    });
    const consumer = await transport.consume({
      id: answer.consumerId,
      producerId: answer.producerId,
      kind: answer.kind,
      rtpParameters: answer.rtpParameters as unknown as types.RtpParameters,
    });
    visit.consumers.set(consumer.id, consumer);
    // Resume only now that the local consumer exists (the server created it paused).
    await this.#request('media.resumeConsumer', { sessionId, consumerId: consumer.id });
    const store = useRounds.getState();
    store.addRemoteTrack({ ...producer, track: consumer.track });
    store.setStageStatus('live');
  }

  async #consumeSafely(producer: StageProducer): Promise<void> {
    const visit = this.#visit;
    if (!visit) return;
    try {
      await this.#consume(visit, producer);
    } catch (error) {
      useRounds.getState().setStageStatus('error', error instanceof ApiError ? error.advice : 'A stream could not be played.');
    }
  }

  async #restore(reason: string): Promise<void> {
    const intent = this.#intent;
    if (!intent || !this.#socket.connected) return;
    useRounds.getState().setStageStatus('reconnecting', reason);
    useRounds.getState().clearRemoteTracks();
    try {
      await this.#enter(intent.sessionId, intent.mode);
    } catch {
      // #enter has already put the error on screen; the next reconnect tries again.
    }
  }

  #dropVisit(): void {
    const visit = this.#visit;
    this.#visit = null;
    if (!visit) return;
    visit.sendTransport?.close();
    visit.recvTransport?.close();
    useRounds.getState().clearRemoteTracks();
    useRounds.getState().setOnAir(false);
  }

  /** Sends one catalogue request and resolves with its data, or throws an ApiError from the ack. */
  #request<N extends RequestName>(name: N, payload: RequestPayload<N>): Promise<RequestResponse<N>> {
    return new Promise((resolve, reject) => {
      const withTimeout = this.#socket.timeout(requestTimeoutMs);
      // The catalogue types each name/payload pair; socket.io's generic emit cannot follow a type parameter.
      const emit = withTimeout.emit.bind(withTimeout) as (
        event: string,
        body: unknown,
        ack: (timeout: Error | null, response: Ack<RequestResponse<N>>) => void,
      ) => void;
      emit(name, payload, (timeout, response) => {
        if (timeout) reject(new ApiError('server.unavailable', `No answer to ${name} within ${requestTimeoutMs} ms`));
        else if (response.ok) resolve(response.data);
        else reject(toApiError(response));
      });
    });
  }
}

export const conferenceClient = new ConferenceClient();

import { io, type Socket } from 'socket.io-client';
import type {
  Ack,
  ClientToServerEvents,
  Me,
  Profile,
  ProfileBody,
  RequestName,
  RequestPayload,
  RequestResponse,
  Role,
  ServerToClientEvents,
} from '@rounds/shared';
import { postAcceptInvitation, postAttend, postPasswordReset, postPasswordResetConfirm, postRegister, postSignIn, putProfile } from './api/accounts';
import { ApiError, adviceFor, api, toApiError } from './api/http';
import { fetchMyConferences, fetchProgram, putScheduled } from './api/program';
import { ChatController } from './qa/chat-controller';
import { PollController } from './qa/poll-controller';
import { QaController } from './qa/qa-controller';
import { StageController } from './stage/stage-controller';
import type { StreamStats } from './stage/stage-receiver';
import { useRounds } from './store';

const requestTimeoutMs = 10_000;

/**
 * Owns the socket and mediasoup-client for this browser tab and turns server events into store
 * updates. Components call its intent methods (`signIn`, `stage.watch`, `stage.goLive`, ...) and read the store.
 */
export class ConferenceClient {
  readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** The live stage: watching, presenting, guests and raised hands. */
  readonly stage: StageController;
  /** The session's questions: asking, voting, moderating, kept live across reconnects. */
  readonly qa: QaController;
  /** The session's polls; they follow the Q&A's join. */
  readonly polls: PollController;
  /** The session chat; it follows the Q&A's join. */
  readonly chat: ChatController;
  /** Counts program loads, so only the newest answer reaches the store. */
  #programRequest = 0;

  constructor() {
    this.#socket = io({ path: '/socket.io', withCredentials: true, autoConnect: false });
    this.stage = new StageController(this.#socket, (name, payload) => this.#request(name, payload));
    this.qa = new QaController(this.#socket, (name, payload) => this.#request(name, payload));
    this.polls = new PollController(this.#socket, (name, payload) => this.#request(name, payload), this.qa);
    this.chat = new ChatController(this.#socket, (name, payload) => this.#request(name, payload), this.qa);
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

  // ---- the stage (StageController) ----

  /** Leaves whatever stage this tab is on. */
  leaveStage(): Promise<void> {
    return this.stage.leave();
  }

  /**
   * Receive-side counters for support staff (browser console) and the end-to-end tests: totals, and
   * per stream (`streams`: source, peer, frames decoded, packets received and lost, simulcast layer).
   */
  async receiveStats(): Promise<{ framesDecoded: number; audioPacketsReceived: number; protocol: 'udp' | 'tcp' | null; streams: StreamStats[] }> {
    const [streams, protocol] = await Promise.all([this.stage.receiveStats(), this.stage.receiveProtocol()]);
    return {
      protocol,
      framesDecoded: streams.filter((s) => s.kind === 'video').reduce((sum, s) => sum + s.framesDecoded, 0),
      audioPacketsReceived: streams.filter((s) => s.kind === 'audio').reduce((sum, s) => sum + s.packetsReceived, 0),
      streams,
    };
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

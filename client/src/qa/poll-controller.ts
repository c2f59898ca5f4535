import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, Poll, RequestResponse, ServerToClientEvents } from '@rounds/shared';
import { ApiError } from '../api/http';
import type { StageRequest } from '../stage/stage-transport';
import { useRounds } from '../store';
import type { QaController } from './qa-controller';
import { SessionList } from './session-list';

/**
 * The session's polls for this tab. Live changes need the socket in the session's groups, which the
 * Q&A's `qa.join` does; so the list loads with `poll.list` each time that join answers (on open and
 * after every reconnect), and `poll.changed` keeps it in step. The crew prepare, launch, close and
 * reveal; everyone votes once.
 */
export class PollController {
  readonly #request: StageRequest;
  readonly #list: SessionList<RequestResponse<'poll.list'>, Poll>;

  constructor(socket: Socket<ServerToClientEvents, ClientToServerEvents>, request: StageRequest, qa: QaController) {
    this.#request = request;
    const store = () => useRounds.getState();
    this.#list = new SessionList(qa, () => socket.connected, {
      fetch: (sessionId) => request('poll.list', { sessionId }),
      show: (state) => store().setPollState(state),
      replay: (poll) => store().upsertPoll(poll),
      showError: (message) => store().setPollError(message),
      failedMessage: 'The polls could not be loaded.',
      opened: (sessionId) => store().openPolls(sessionId),
      closed: () => store().closePolls(),
    });
    socket.on('poll.changed', ({ sessionId, poll }) => {
      if (this.#list.hears(sessionId, poll)) store().upsertPoll(poll);
    });
  }

  /** The polls panel mounted: loads now if the session is joined, else when the join answers. */
  open(sessionId: string): void {
    this.#list.open(sessionId);
  }

  close(sessionId: string): void {
    this.#list.close(sessionId);
  }

  /** Tries again after a failed load (or a failed join, which the Q&A retries). */
  retry(): void {
    this.#list.retry();
  }

  async create(question: string, options: string[], multiple: boolean): Promise<void> {
    const { poll } = await this.#request('poll.create', { sessionId: this.#open(), question, options, multiple });
    useRounds.getState().upsertPoll(poll);
  }

  async launch(pollId: string): Promise<void> {
    const { poll } = await this.#request('poll.launch', { sessionId: this.#open(), pollId });
    useRounds.getState().upsertPoll(poll);
  }

  async closePoll(pollId: string): Promise<void> {
    const { poll } = await this.#request('poll.close', { sessionId: this.#open(), pollId });
    useRounds.getState().upsertPoll(poll);
  }

  async reveal(pollId: string, revealed: boolean): Promise<void> {
    const { poll } = await this.#request('poll.reveal', { sessionId: this.#open(), pollId, revealed });
    useRounds.getState().upsertPoll(poll);
  }

  /**
   * Casts my one ballot. Refused as already voted (from another tab, say): the list is loaded again,
   * so the page shows the vote on record instead of the form.
   */
  async vote(pollId: string, optionIds: string[]): Promise<void> {
    const sessionId = this.#open();
    try {
      const answer = await this.#request('poll.vote', { sessionId, pollId, optionIds });
      useRounds.getState().setMyChoice(answer.pollId, answer.optionIds);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'poll.alreadyVoted') await this.#list.load();
      throw error;
    }
  }

  #open(): string {
    const { sessionId } = this.#list;
    if (!sessionId) throw new ApiError('poll.notFound', 'The polls are not open.');
    return sessionId;
  }
}

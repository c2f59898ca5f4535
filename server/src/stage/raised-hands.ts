/** The raised hands of one stage, in the order they went up: the crew's queue of people asking to speak. */
export class RaisedHands {
  readonly #hands = new Map<string, string>();

  /** Raises or lowers the peer's hand; true when that changed anything (only changes are told to the crew). */
  set(peerId: string, userName: string, raised: boolean): boolean {
    if (raised === this.#hands.has(peerId)) return false;
    if (raised) this.#hands.set(peerId, userName);
    else this.#hands.delete(peerId);
    return true;
  }

  list(): { peerId: string; userName: string }[] {
    return [...this.#hands].map(([peerId, userName]) => ({ peerId, userName }));
  }
}

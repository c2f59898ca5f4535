// The baseline of qa-fanout: the cheapest broadcast Node has over WebSockets. A plain `ws` server
// (the library under socket.io's engine) that sends one text frame to every connected client.
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Question } from '@rounds/shared';
import { sleep } from './proc';

export class WsBroadcaster {
  readonly #server: WebSocketServer;

  private constructor(server: WebSocketServer) {
    this.#server = server;
  }

  static async start(): Promise<WsBroadcaster> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    return new WsBroadcaster(server);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  get clients(): number {
    return this.#server.clients.size;
  }

  async waitForClients(count: number, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.clients < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.clients} of ${count} ws clients connected`);
      await sleep(50);
    }
  }

  /** Sends the frame to every client, one `send` each; returns how many it went to. */
  broadcast(frame: string): number {
    for (const client of this.#server.clients) client.send(frame);
    return this.#server.clients.size;
  }

  async close(): Promise<void> {
    for (const client of this.#server.clients) client.terminate();
    await new Promise<void>((resolve, reject) => this.#server.close((error) => (error ? reject(error) : resolve())));
  }
}

/**
 * The frame socket.io sends each listener for this question (`42` + the JSON array of event name and
 * payload), and a `ws` frame of exactly its size: the same JSON array, padded with two spaces.
 */
export function questionFrames(question: Question): { socketIo: string; ws: string } {
  const json = JSON.stringify(['qa.questionChanged', { sessionId: question.sessionId, question }]);
  return { socketIo: `42${json}`, ws: `${json}  ` };
}

import { fork, type ChildProcess } from 'node:child_process';

interface Reply {
  id: number;
  error?: string;
  data?: unknown;
}

/**
 * A helper process of ours (UDP receivers, UDP relay) spoken to over IPC: each request carries an
 * id and the child answers it once. The child runs under the same loader as this process (tsx).
 */
export class HelperProcess {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, { resolve: (data: unknown) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  #exited = false;

  constructor(file: string) {
    this.#child = fork(file, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.#child.on('message', (message: Reply) => {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      if (message.error) pending.reject(new Error(`${file}: ${message.error}`));
      else pending.resolve(message.data);
    });
    this.#child.on('exit', (code, signal) => {
      this.#exited = true;
      for (const { reject } of this.#pending.values()) reject(new Error(`${file} exited (${code ?? signal})`));
      this.#pending.clear();
    });
  }

  get pid(): number {
    return this.#child.pid!;
  }

  request<T>(type: string, body: Record<string, unknown> = {}): Promise<T> {
    if (this.#exited) return Promise.reject(new Error('helper process has exited'));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (data: unknown) => void, reject });
      this.#child.send({ id, type, ...body });
    });
  }

  async close(): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    this.#child.kill('SIGTERM');
    await exited;
  }
}

/** The child's side: answers each request with the handler's result or its error message. */
export function serveRequests(handle: (type: string, body: Record<string, unknown>) => Promise<unknown> | unknown): void {
  process.on('message', (message: { id: number; type: string } & Record<string, unknown>) => {
    Promise.resolve()
      .then(() => handle(message.type, message))
      .then(
        (data) => process.send!({ id: message.id, data }),
        (error: unknown) => process.send!({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
      );
  });
  process.on('disconnect', () => process.exit(0));
}

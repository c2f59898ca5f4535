// A child process of socket clients for qa-fanout, so their cost never lands in the server's
// process. Forked twice: once for the listeners (socket.io clients that joined a session's Q&A, or
// plain `ws` clients for the baseline), which note when each benchmark question reaches each of
// them; once for the askers, which ask questions on a schedule of their own.
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type { Ack, Question } from '@rounds/shared';
import { serveRequests } from './child';
import type { Asked } from './qa-series';
import { clock, questionText, readQuestionText, watchGcPauses } from './qa-timing';

/** A connection, a join or a question that takes longer than this has failed. */
const requestTimeoutMs = 20_000;

/**
 * A set of listeners measured together (one series of questions each): their connections, and
 * per question id each listener's latency in ms (NaN until it arrives).
 */
class Group {
  readonly closes: (() => void)[];
  readonly latencies = new Map<number, Float64Array>();
  /** What went wrong: a close we did not ask for, a question received twice, a text we cannot read. */
  readonly problems = { unexpectedCloses: [] as { index: number; reason: string }[], duplicates: 0, unreadable: 0 };
  closing = false;

  constructor(readonly size: number) {
    this.closes = new Array<() => void>(size);
  }

  /** A listener received a question: its latency is counted once per listener and question. */
  arrived(index: number, text: string | undefined, now: number): void {
    const parsed = text === undefined ? undefined : readQuestionText(text);
    if (!parsed) {
      this.problems.unreadable++;
      return;
    }
    let row = this.latencies.get(parsed.id);
    if (!row) {
      row = new Float64Array(this.size).fill(NaN);
      this.latencies.set(parsed.id, row);
    }
    if (Number.isNaN(row[index]!)) row[index] = now - parsed.sentAt;
    else this.problems.duplicates++;
  }

  watchCloses(index: number, on: (listener: (reason: string) => void) => void): void {
    on((reason) => {
      if (!this.closing) this.problems.unexpectedCloses.push({ index, reason: String(reason) });
    });
  }

  close(): void {
    this.closing = true;
    for (const close of this.closes) close?.();
  }
}

const groups = new Map<string, Group>();
const gcPauses = watchGcPauses();
let askers: Socket[] = [];

function group(name: string): Group {
  const found = groups.get(name);
  if (!found) throw new Error(`no listener group ${name}`);
  return found;
}

function newGroup(name: string, size: number): Group {
  groups.get(name)?.close();
  const created = new Group(size);
  groups.set(name, created);
  return created;
}

/** Runs `task` for 0..count-1, at most `concurrency` at a time; collects each failure. */
async function inParallel(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<{ index: number; error: string }[]> {
  const failures: { index: number; error: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      await task(index).catch((error: unknown) => failures.push({ index, error: error instanceof Error ? error.message : String(error) }));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return failures;
}

function connectSocket(url: string, cookie: string): Promise<Socket> {
  const socket = io(url, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: { cookie },
    reconnection: false,
    forceNew: true,
    timeout: requestTimeoutMs,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

function request<T>(socket: Socket, name: string, payload: unknown): Promise<Ack<T>> {
  return new Promise((resolve, reject) => {
    socket.timeout(requestTimeoutMs).emit(name, payload, (error: Error | null, ack: Ack<T>) => (error ? reject(error) : resolve(ack)));
  });
}

/** socket.io listeners: `count` on each target node, each connected and joined to the session's Q&A. */
async function listen(name: string, targets: { url: string; count: number }[], cookie: string, sessionId: string, concurrency: number) {
  const urls = targets.flatMap(({ url, count }) => Array.from({ length: count }, () => url));
  const listeners = newGroup(name, urls.length);
  const started = clock();
  const failures = await inParallel(urls.length, concurrency, async (index) => {
    const socket = await connectSocket(urls[index]!, cookie);
    listeners.closes[index] = () => socket.close();
    socket.on('qa.questionChanged', (payload: { question?: { text?: string } }) => {
      const now = clock();
      listeners.arrived(index, payload.question?.text, now);
    });
    const ack = await request(socket, 'qa.join', { sessionId });
    if (!ack.ok) throw new Error(`qa.join: ${ack.error.code} ${ack.error.message}`);
    listeners.watchCloses(index, (listener) => socket.on('disconnect', listener));
  });
  return { clients: urls.length, joined: urls.length - failures.length, failures: failures.slice(0, 10), seconds: (clock() - started) / 1000 };
}

/** Plain `ws` listeners for the baseline: each frame is parsed as JSON, as socket.io's parser does. */
async function listenWs(name: string, url: string, count: number, concurrency: number) {
  const listeners = newGroup(name, count);
  const started = clock();
  const failures = await inParallel(count, concurrency, async (index) => {
    const ws = new WebSocket(url);
    listeners.closes[index] = () => ws.close();
    ws.on('message', (data) => {
      const now = clock();
      const [, payload] = JSON.parse(String(data)) as [string, { question?: { text?: string } }];
      listeners.arrived(index, payload.question?.text, now);
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    listeners.watchCloses(index, (listener) => ws.on('close', (code) => listener(`close ${code}`)));
  });
  return { clients: count, joined: count - failures.length, failures: failures.slice(0, 10), seconds: (clock() - started) / 1000 };
}

/** One socket.io connection per asker account (askers do not join the Q&A: they hear nothing). */
async function openAskers(url: string, cookies: string[], concurrency: number) {
  askers = new Array<Socket>(cookies.length);
  const failures = await inParallel(cookies.length, concurrency, async (index) => {
    askers[index] = await connectSocket(url, cookies[index]!);
  });
  if (failures.length) throw new Error(`${failures.length} askers could not connect: ${failures[0]!.error}`);
  return { askers: askers.length };
}

let nextAsker = 0;

/**
 * Asks each question of the plan in its session at its time (`at`, clock ms), each from the next
 * asker account in turn (so no account comes near the rate limit), and resolves when every ack is
 * in. The send time is read just before the emit and travels in the text.
 */
async function ask(plan: { id: number; sessionId: string; at: number }[]): Promise<Asked[]> {
  const answers: Promise<Asked>[] = [];
  for (const { id, sessionId, at } of plan) {
    const wait = at - clock();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const socket = askers[nextAsker++ % askers.length]!;
    const sentAt = clock();
    answers.push(
      request<{ question: Question }>(socket, 'qa.ask', { sessionId, text: questionText(id, sentAt), anonymous: false }).then(
        (ack): Asked =>
          ack.ok
            ? { id, sentAt, ackMs: clock() - sentAt, question: ack.data.question }
            : { id, sentAt, ackMs: null, error: `${ack.error.code}: ${ack.error.message}` },
        (error: unknown): Asked => ({ id, sentAt, ackMs: null, error: String(error) }),
      ),
    );
  }
  return Promise.all(answers);
}

serveRequests(async (type, body) => {
  switch (type) {
    case 'clock':
      return { now: clock() };
    case 'listen':
      return listen(String(body.group), body.targets as { url: string; count: number }[], String(body.cookie), String(body.sessionId), Number(body.concurrency));
    case 'listenWs':
      return listenWs(String(body.group), String(body.url), Number(body.count), Number(body.concurrency));
    case 'arrived': {
      // How many deliveries of these questions have arrived in the group so far.
      const { latencies } = group(String(body.group));
      let count = 0;
      for (const id of body.ids as number[]) for (const latency of latencies.get(id) ?? []) if (!Number.isNaN(latency)) count++;
      return { count };
    }
    case 'latencies': {
      // Per question, each listener's latency; null where it never arrived.
      const { latencies, size } = group(String(body.group));
      return (body.ids as number[]).map((id) => {
        const row = latencies.get(id) ?? new Float64Array(size).fill(NaN);
        return { id, latencies: Array.from(row, (latency) => (Number.isNaN(latency) ? null : latency)) };
      });
    }
    case 'problems':
      return group(String(body.group)).problems;
    case 'gcPauses':
      return gcPauses.between(Number(body.from), Number(body.to));
    case 'askers':
      return openAskers(String(body.url), body.cookies as string[], Number(body.concurrency));
    case 'ask':
      return ask(body.plan as { id: number; sessionId: string; at: number }[]);
    default:
      throw new Error(`unknown request ${type}`);
  }
});

// qa-fanout: how fast a question reaches 1,000 listeners of a session's Q&A through the real
// platform (socket.io, PostgreSQL, Redis), against a plain `ws` broadcast of a frame of the same
// size in the same run, and what the Redis adapter adds when the listeners are on another node
// than the asker. See bench/README.md.
import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Question } from '@rounds/shared';
import { loadConfig } from '../server/src/config';
import { openDatabase, type DatabaseHandle, type Db } from '../server/src/db/database';
import { postgresAvailable } from '../server/test/helpers/test-platform';
import { HelperProcess } from './lib/child';
import { cpuMicros, sleep } from './lib/proc';
import { ServerNode } from './lib/qa-nodes';
import { gcSummary, lossWaitMs, nodeGap, perNode, seriesDetails, slowQuestions, summarise, type Asked, type GcByProcess, type Rows } from './lib/qa-series';
import { clock, questionText, watchGcPauses, type GcPause } from './lib/qa-timing';
import { round, runBenchmark, writeResult } from './lib/results';
import { WsBroadcaster, questionFrames } from './lib/ws-baseline';

const clients = Number(process.env.BENCH_QA_CLIENTS ?? 1000);
/** The steady phase: one node alone, one question a second (latency and the server's CPU). */
const steadyQuestions = 30;
/** Questions (and ws frames) of each series of the comparison phase, one a second each. */
const comparisonQuestions = Number(process.env.BENCH_QA_QUESTIONS ?? 60);
const burstQuestions = 20;
/** The burst: 20 questions 50 ms apart, all within one second. */
const burstIntervalMs = 50;
const steadyIntervalMs = 1000;
/** Asked (or sent) before each measured series and discarded: first-use costs (JIT, pools, buffers). */
const warmUps = 3;
/**
 * The series of the comparison phase, in the order of their slots in its first second: one node
 * (1,000 listeners on A), the ws baseline, two nodes (500 on A, 500 on B), via Redis (1,000 on B).
 * Every question is asked on A.
 */
const comparisonSeries = ['oneNode', 'ws', 'twoNodes', 'viaRedis'] as const;
type ComparisonSeries = (typeof comparisonSeries)[number];
const askedComparisonSeries = ['oneNode', 'twoNodes', 'viaRedis'] as const;
/** Every question comes from the next account, so no account asks twice (the limit is 3 per 30 s). */
const askerAccounts = warmUps + steadyQuestions + burstQuestions + askedComparisonSeries.length * (warmUps + comparisonQuestions) + 10;
const connectConcurrency = 50;
const helper = path.join(__dirname, 'lib', 'qa-clients.ts');

let nextId = 1;
const newIds = (count: number) => Array.from({ length: count }, () => nextId++);

/**
 * One listener account and the asker accounts, attendees of the demo conference, each with a
 * session cookie made directly in the database (as the server's sign-in would, without the
 * password hashing that would take minutes for about 250 accounts).
 */
async function benchAccounts(db: Db, conferenceId: string): Promise<{ listener: string; askers: string[] }> {
  const names = ['listener', ...Array.from({ length: askerAccounts }, (_, i) => `asker-${i + 1}`)];
  const users = await db
    .insertInto('users')
    .values(names.map((name) => ({ email: `${name}@qa-fanout.bench.test`, name: `Bench ${name}`, passwordHash: 'none (cookie made directly)' })))
    .returning('id')
    .execute();
  await db.insertInto('conferenceMembers').values(users.map((user) => ({ conferenceId, userId: user.id, role: 'attendee' as const }))).execute();
  const tokens = users.map(() => randomBytes(24).toString('base64url'));
  await db
    .insertInto('authSessions')
    .values(users.map((user, i) => ({ tokenHash: createHash('sha256').update(tokens[i]!).digest('hex'), userId: user.id, expiresAt: new Date(Date.now() + 3600_000) })))
    .execute();
  const cookies = tokens.map((token) => `rounds_session=${token}`);
  return { listener: cookies[0]!, askers: cookies.slice(1) };
}

/**
 * How far the child's clock is from ours: the child's reading against the middle of the request's
 * round trip, from the round trip with the least delay of ten.
 */
async function clockOffset(child: HelperProcess): Promise<{ offsetMs: number; roundTripMs: number }> {
  let best = { offsetMs: NaN, roundTripMs: Infinity };
  for (let i = 0; i < 10; i++) {
    const before = clock();
    const { now } = await child.request<{ now: number }>('clock');
    const after = clock();
    if (after - before < best.roundTripMs) best = { offsetMs: round(now - (before + after) / 2, 3), roundTripMs: round(after - before, 3) };
  }
  return best;
}

/** Waits until every listener of the group has every one of the questions, or until the deadline. */
async function waitForDeliveries(listeners: HelperProcess, group: string, ids: number[], deadline: number): Promise<void> {
  const expected = ids.length * clients;
  while (clock() < deadline) {
    const { count } = await listeners.request<{ count: number }>('arrived', { group, ids });
    if (count >= expected) return;
    await sleep(100);
  }
}

/** Each listener's latency for each of the questions, once all have arrived or `lossWaitMs` has passed. */
async function collect(listeners: HelperProcess, group: string, ids: number[]): Promise<Rows> {
  await waitForDeliveries(listeners, group, ids, clock() + lossWaitMs);
  return listeners.request<Rows>('latencies', { group, ids });
}

/** Asks a series of questions in one session and collects every listener's latency for each. */
async function askSeries(askers: HelperProcess, listeners: HelperProcess, group: string, sessionId: string, count: number, intervalMs: number) {
  const ids = newIds(count);
  const startAt = clock() + 100;
  const asked = await askers.request<Asked[]>('ask', { plan: ids.map((id, i) => ({ id, sessionId, at: startAt + i * intervalMs })) });
  return { ids, asked, rows: await collect(listeners, group, ids) };
}

/**
 * Sends the ws baseline's frame for each id at its time (`at(i)`, clock ms) from this process, the
 * question's text carrying the send time as the askers' does; returns each send time and how long
 * each send loop took.
 */
async function sendWsFrames(broadcaster: WsBroadcaster, template: Question, ids: number[], at: (i: number) => number) {
  const sentAt: number[] = [];
  const sendMs: number[] = [];
  for (const [i, id] of ids.entries()) {
    const wait = at(i) - clock();
    if (wait > 0) await sleep(wait);
    const sent = clock();
    const sentTo = broadcaster.broadcast(questionFrames({ ...template, text: questionText(id, sent) }).ws);
    sendMs.push(clock() - sent);
    sentAt.push(sent);
    if (sentTo !== clients) throw new Error(`the ws baseline had ${sentTo} of ${clients} clients`);
  }
  return { sentAt, sendMs };
}

/** This process's collections: it sends the ws baseline's frames. */
const benchGc = watchGcPauses();

/** The collections of each server node, of the listeners' process and of this one between two clock readings. */
async function gcBetween(nodes: Record<string, ServerNode>, listeners: HelperProcess, from: number, to: number): Promise<GcByProcess> {
  const byNode = await Promise.all(Object.entries(nodes).map(async ([name, node]) => [name, await node.gcPauses(from, to)] as const));
  return { ...Object.fromEntries(byNode), listeners: await listeners.request<GcPause[]>('gcPauses', { from, to }), bench: benchGc.between(from, to) };
}

function gcDetails(gc: GcByProcess, rows: Record<string, Rows>, sentAt: Map<number, number>) {
  return {
    ...Object.fromEntries(Object.entries(gc).map(([name, pauses]) => [name, gcSummary(pauses)])),
    slowQuestions: Object.fromEntries(Object.entries(rows).map(([name, series]) => [name, slowQuestions(series, sentAt, gc)])),
  };
}

/**
 * CPU of our processes over a phase, in % of one core, user + system of all their threads, each
 * read the same way (utime + stime in /proc/<pid>/stat): the server nodes, the children, this one.
 */
function cpuMeter(pids: Record<string, number>) {
  const read = () => ({ at: clock(), usage: Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMicros(pid)])) });
  const start = read();
  return () => {
    const end = read();
    const wallUs = (end.at - start.at) * 1000;
    const pct = (us: number) => round((100 * us) / wallUs, 2);
    return {
      seconds: round(wallUs / 1e6, 2),
      ...Object.fromEntries(
        Object.keys(pids).flatMap((name) => {
          const [s, e] = [start.usage[name]!, end.usage[name]!];
          return [
            [`${name}Pct`, pct(e.user - s.user + e.system - s.system)],
            [`${name}SystemPct`, pct(e.system - s.system)],
          ];
        }),
      ),
    } as { seconds: number } & Record<string, number>;
  };
}

/** Opens a group of listeners; throws unless every one of them connected (and joined the Q&A). */
async function listen(listeners: HelperProcess, type: 'listen' | 'listenWs', body: Record<string, unknown>): Promise<number> {
  const result = await listeners.request<{ joined: number; failures: unknown[]; seconds: number }>(type, { ...body, concurrency: connectConcurrency });
  // Measuring with fewer listeners than announced would flatter the figures.
  if (result.joined !== clients) throw new Error(`${body.group}: only ${result.joined} of ${clients} listeners joined: ${JSON.stringify(result.failures)}`);
  console.log(`[qa-fanout] ${body.group}: ${clients} listeners connected${type === 'listen' ? ' and joined' : ''} in ${result.seconds.toFixed(1)} s`);
  return round(result.seconds, 1);
}

const load = () => round(os.loadavg()[0]!);

async function main(): Promise<void> {
  // Two server processes share their data through PostgreSQL (embedded PGlite is one process's own).
  if (!(await postgresAvailable())) throw new Error('qa-fanout runs two server processes on one database: it needs PostgreSQL (TEST_DATABASE_URL)');
  let a: ServerNode | undefined;
  let b: ServerNode | undefined;
  let database: DatabaseHandle | undefined;
  const listeners = new HelperProcess(helper);
  const askers = new HelperProcess(helper);
  let broadcaster: WsBroadcaster | undefined;
  try {
    // Node A: a server process of its own; it migrates a new schema and seeds the demo conference.
    a = await ServerNode.start([40000, 44999]);
    // This process reads and writes A's database directly, only to set up the accounts.
    database = await openDatabase(loadConfig(a.env));
    const db = database.db;
    const keynote = await db.selectFrom('sessions').select(['id', 'conferenceId']).where('title', 'like', 'Opening keynote%').executeTakeFirstOrThrow();
    const oneNodeSession = keynote.id;
    const conferenceId = keynote.conferenceId;
    // The two-node and via-Redis series ask in two other sessions of the conference, so each question reaches only its own group.
    const [twoNodeSession, viaRedisSession] = (
      await db.selectFrom('sessions').select('id').where('conferenceId', '=', conferenceId).where('id', '!=', oneNodeSession).orderBy('startsAt').limit(2).execute()
    ).map((session) => session.id);
    if (!twoNodeSession || !viaRedisSession) throw new Error('the demo conference needs three sessions');
    const cookies = await benchAccounts(db, conferenceId);
    const clockAtStart = await clockOffset(listeners);
    await askers.request('askers', { url: a.url, cookies: cookies.askers, concurrency: connectConcurrency });
    const joinSeconds: Record<string, number> = {};
    const loadAverages: Record<string, number> = { start: load() };

    // 1. The steady phase: node A alone (no second node, no ws server yet), one question a second:
    //    the latency and the server's CPU. Then the burst.
    joinSeconds.oneNode = await listen(listeners, 'listen', { group: 'oneNode', targets: [{ url: a.url, count: clients }], cookie: cookies.listener, sessionId: oneNodeSession });
    await askSeries(askers, listeners, 'oneNode', oneNodeSession, warmUps, steadyIntervalMs);
    loadAverages.steady = load();
    const steadyStart = clock();
    const meter = cpuMeter({ server: a.pid, listeners: listeners.pid, askers: askers.pid, bench: process.pid });
    const steady = await askSeries(askers, listeners, 'oneNode', oneNodeSession, steadyQuestions, steadyIntervalMs);
    // The window ends once the last question has reached every listener (collect waits for it).
    const cpu = meter();
    const steadyGc = await gcBetween({ nodeA: a }, listeners, steadyStart, clock());
    console.log(`[qa-fanout] steady: ${JSON.stringify(summarise(steady.rows))}, cpu ${JSON.stringify(cpu)}`);
    await sleep(2000);
    loadAverages.burst = load();
    const burst = await askSeries(askers, listeners, 'oneNode', oneNodeSession, burstQuestions, burstIntervalMs);
    console.log(`[qa-fanout] burst: ${JSON.stringify(summarise(burst.rows))}`);

    // 2. The ws baseline (in this process), first at the steady phase's pace: one frame a second
    //    with nothing else sent, so the steady p99 has a floor measured at its own pace (the
    //    machine's processes wake from idle for each one). Not a target; see bench/README.md.
    const template = steady.asked.find((x) => x.question)?.question;
    if (!template) throw new Error('no question was acknowledged');
    const frames = questionFrames(template);
    broadcaster = await WsBroadcaster.start();
    joinSeconds.ws = await listen(listeners, 'listenWs', { group: 'ws', url: broadcaster.url, count: clients });
    await broadcaster.waitForClients(clients);
    loadAverages.steadyWs = load();
    const steadyWsIds = newIds(warmUps + steadyQuestions);
    const steadyWsStart = clock() + 200;
    const steadyWs = await sendWsFrames(broadcaster, template, steadyWsIds, (i) => steadyWsStart + i * steadyIntervalMs);
    const steadyWsRows = await collect(listeners, 'ws', steadyWsIds.slice(warmUps));
    console.log(`[qa-fanout] steady-paced ws: ${JSON.stringify(summarise(steadyWsRows))}`);

    // Node B, a second server process sharing A's Redis prefix (socket.io Redis adapter) and
    // database schema, with its groups of listeners.
    b = await ServerNode.start([45000, 49999], a);
    const half = Math.floor(clients / 2);
    joinSeconds.twoNodes = await listen(listeners, 'listen', {
      group: 'twoNodes',
      targets: [
        { url: a.url, count: half },
        { url: b.url, count: clients - half },
      ],
      cookie: cookies.listener,
      sessionId: twoNodeSession,
    });
    joinSeconds.viaRedis = await listen(listeners, 'listen', { group: 'viaRedis', targets: [{ url: b.url, count: clients }], cookie: cookies.listener, sessionId: viaRedisSession });

    // 3. The comparison phase: every second a question (or ws frame) of each of the four series, a
    //    quarter second apart, so a drift of the machine touches them alike. The order rotates by
    //    one slot every second, so each series has each slot as often as the others.
    const rounds = warmUps + comparisonQuestions;
    const ids = Object.fromEntries(comparisonSeries.map((name) => [name, newIds(rounds)])) as Record<ComparisonSeries, number[]>;
    const sessions = { oneNode: oneNodeSession, twoNodes: twoNodeSession, viaRedis: viaRedisSession };
    const startAt = clock() + 200;
    const slotMs = steadyIntervalMs / comparisonSeries.length;
    const slotAt = (name: ComparisonSeries, i: number) => startAt + i * steadyIntervalMs + ((comparisonSeries.indexOf(name) + i) % comparisonSeries.length) * slotMs;
    loadAverages.comparison = load();
    const comparisonMeter = cpuMeter({ nodeA: a.pid, nodeB: b.pid, listeners: listeners.pid, askers: askers.pid, bench: process.pid });
    const asking = askers.request<Asked[]>('ask', {
      plan: askedComparisonSeries.flatMap((name) => ids[name].map((id, i) => ({ id, sessionId: sessions[name], at: slotAt(name, i) }))).sort((x, y) => x.at - y.at),
    });
    const ws = await sendWsFrames(broadcaster, template, ids.ws, (i) => slotAt('ws', i));
    const asked = await asking;
    const measured = <T>(series: T[]) => series.slice(warmUps);
    const rows = {} as Record<ComparisonSeries, Rows>;
    for (const name of comparisonSeries) rows[name] = await collect(listeners, name, measured(ids[name]));
    const comparisonCpu = comparisonMeter();
    const comparisonGc = await gcBetween({ nodeA: a, nodeB: b }, listeners, startAt, clock());
    const askedIn = (name: ComparisonSeries) => asked.filter((x) => measured(ids[name]).includes(x.id));
    const problems: Record<string, unknown> = {};
    for (const name of comparisonSeries) problems[name] = await listeners.request('problems', { group: name });
    const clockAtEnd = await clockOffset(listeners);

    const sentAtById = new Map([...steady.asked, ...asked].map((x) => [x.id, x.sentAt] as const));
    ids.ws.forEach((id, i) => sentAtById.set(id, ws.sentAt[i]!));
    const series = {
      steady: seriesDetails(steady.rows, steady.asked),
      burst: seriesDetails(burst.rows, burst.asked),
      oneNode: seriesDetails(rows.oneNode, askedIn('oneNode')),
      ws: seriesDetails(rows.ws),
      steadyWs: seriesDetails(steadyWsRows),
      twoNodes: seriesDetails(rows.twoNodes, askedIn('twoNodes')),
      viaRedis: seriesDetails(rows.viaRedis, askedIn('viaRedis')),
    };
    /** A series' p99 over the one-node series': of the typical question (median of the questions' own p99s), and over all deliveries. */
    const overOneNode = (name: 'twoNodes' | 'viaRedis') => ({
      typical: round(series[name].medianQuestionP99 - series.oneNode.medianQuestionP99, 2),
      allDeliveries: round(series[name].p99 - series.oneNode.p99, 2),
    });
    const [adapter, splitAdapter] = [overOneNode('viaRedis'), overOneNode('twoNodes')];
    const failedAsks = [...steady.asked, ...burst.asked, ...asked].filter((x) => x.ackMs === null).length;
    const lostDeliveries = Object.values(series).reduce((sum, x) => sum + x.lost, 0);
    console.log(`[qa-fanout] comparison: ${comparisonSeries.map((name) => `${name} ${JSON.stringify(summarise(rows[name]))}`).join(', ')}`);
    const result = writeResult(
      'qa-fanout',
      {
        p50Ms: series.steady.p50,
        p99Ms: series.steady.p99,
        burstP99Ms: series.burst.p99,
        wsP99Ms: series.ws.p99,
        // The p99s of the other series of the comparison phase, measured in the same seconds as wsP99Ms.
        comparedP99Ms: series.oneNode.p99,
        twoNodeP99Ms: series.twoNodes.p99,
        viaRedisP99Ms: series.viaRedis.p99,
        ratio: round(series.oneNode.p99 / series.ws.p99, 3),
        // What the Redis adapter adds to a question's p99: 1,000 listeners on node B, every question
        // asked on A, against 1,000 on A; the same send loop in one process, plus the hop. The
        // typical (median) question of each series: a p99 over all 60,000 deliveries is set by the
        // one or two slowest questions (details.adapterAllDeliveriesP99Ms keeps it); see bench/README.md.
        adapterP99Ms: adapter.typical,
        serverCpuPct: cpu.serverPct ?? null,
        lostDeliveries,
      },
      { p99Ms: { max: 50 }, ratio: { max: 3 }, adapterP99Ms: { max: 5 }, lostDeliveries: { max: 0 } },
      {
        clients,
        questions: {
          warmUpsDiscardedPerSeries: warmUps,
          steady: steadyQuestions,
          burst: burstQuestions,
          comparisonPerSeries: comparisonQuestions,
          asked: warmUps + steady.asked.length + burst.asked.length + asked.length,
          failedAsks,
        },
        lossWaitMs,
        accounts: { listeners: 1, askers: askerAccounts },
        frameBytes: { socketIo: Buffer.byteLength(frames.socketIo), ws: Buffer.byteLength(frames.ws) },
        clockOffsetMs: { atStart: clockAtStart, atEnd: clockAtEnd },
        loadAverages,
        joinSeconds,
        // The former adapterP99Ms: the two-node series (500 listeners on A, 500 on B) against the
        // one-node one. On 2 cores it adds the contention of two send loops beside the listeners'
        // decoding to the hop, so it is no longer the adapter's figure.
        splitAdapterP99Ms: splitAdapter.typical,
        // Both differences over all deliveries (two p99s that one or two stalled questions set).
        adapterAllDeliveriesP99Ms: adapter.allDeliveries,
        splitAdapterAllDeliveriesP99Ms: splitAdapter.allDeliveries,
        // What the hop through Redis adds before the first listener has the question: the median
        // first delivery of the via-Redis questions minus that of the one-node questions.
        viaRedisHopMs: round(series.viaRedis.medianFirstMs - series.oneNode.medianFirstMs, 2),
        // The same figures on the typical question (the median of the questions' own p99s), which a stall elsewhere on the machine moves less.
        typicalQuestionP99Ms: {
          steady: series.steady.medianQuestionP99,
          burst: series.burst.medianQuestionP99,
          compared: series.oneNode.medianQuestionP99,
          ws: series.ws.medianQuestionP99,
          steadyWs: series.steadyWs.medianQuestionP99,
          twoNodes: series.twoNodes.medianQuestionP99,
          viaRedis: series.viaRedis.medianQuestionP99,
          ratio: round(series.oneNode.medianQuestionP99 / series.ws.medianQuestionP99, 3),
          adapter: adapter.typical,
          splitAdapter: splitAdapter.typical,
        },
        steady: { cpu, gc: gcDetails(steadyGc, { steady: steady.rows }, sentAtById), ...series.steady },
        // The ws baseline at the steady phase's pace (one frame a second, nothing else sent), and
        // the steady p99 over its p99: the steady target against what this machine does at that pace.
        steadyWs: { ...series.steadyWs, sendLoopMs: measured(steadyWs.sendMs).map((ms) => round(ms, 2)) },
        steadyRatio: round(series.steady.p99 / series.steadyWs.p99, 3),
        burst: series.burst,
        comparison: {
          cpu: comparisonCpu,
          gc: gcDetails(comparisonGc, rows, sentAtById),
          oneNode: series.oneNode,
          ws: { ...series.ws, sendLoopMs: measured(ws.sendMs).map((ms) => round(ms, 2)) },
          twoNodes: {
            ...series.twoNodes,
            nodeA: perNode(rows.twoNodes, [0, half]),
            nodeB: perNode(rows.twoNodes, [half, clients]),
            nodeBAfterA: nodeGap(rows.twoNodes, [0, half], [half, clients]),
          },
          viaRedis: series.viaRedis,
        },
        listenerProblems: problems,
      },
    );
    console.log(`[qa-fanout] ${JSON.stringify(result.metrics)} pass=${result.pass}`);
  } finally {
    await broadcaster?.close();
    await listeners.close();
    await askers.close();
    await database?.close();
    await b?.stop();
    await a?.stop();
    // Once both nodes are gone: the schema and the Redis keys they shared.
    await a?.dropData();
  }
}

runBenchmark(main);

// stage-join: from clicking "Watch" to the first decoded video frame in Chromium, through the real
// platform (server, mediasoup, built client) with a speaker live, against a direct
// RTCPeerConnection pair in the same browser. See bench/README.md.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../e2e/browser';
import { startTestPlatform, type TestPlatform } from '../server/test/helpers/test-platform';
import { sleep } from './lib/proc';
import { percentile, round, runBenchmark, writeResult } from './lib/results';

const joins = Number(process.env.BENCH_JOINS ?? 40);
const warmUps = 2;
/** Between leaving the stage and the next click: the previous visit's transports close on the server. */
const pauseMs = Number(process.env.BENCH_JOIN_PAUSE_MS ?? 300);
const timeoutMs = 10_000;
const probes = path.join(__dirname, 'lib', 'browser', 'join-probes.js');
const root = path.resolve(__dirname, '..');

interface Sample {
  ms: number | null;
  /** When the <video> element appeared: signalling done, the track is attached. */
  videoMs?: number;
  width?: number;
  error?: string;
  via?: string;
  /** Per peer connection the join opened: ms after the click of each ICE and connection state reached. */
  connections?: Record<string, number>[];
  /** What the receive transport runs over, as the client reports it. */
  protocol?: 'udp' | 'tcp' | null;
  /** The click, in epoch milliseconds (performance.timeOrigin + performance.now()). */
  clickedAt?: number;
}

/** Signalling requests of one join, from the attendee's socket.io frames: when each was sent and acknowledged (epoch ms). */
type Requests = { name: string; sentAt: number; ackAt?: number }[];

/**
 * Records the socket.io requests a page sends and their acks (`42<id>["name",...]` out,
 * `43<id>[...]` back), so a join can be split into its signalling steps.
 */
function recordRequests(page: Page): { take(): Requests } {
  let requests: Requests = [];
  const byAckId = new Map<string, Requests[number]>();
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const match = /^42(\d+)\["([^"]+)"/.exec(String(payload));
      if (!match) return;
      const request = { name: match[2]!, sentAt: Date.now() };
      requests.push(request);
      byAckId.set(match[1]!, request);
    });
    socket.on('framereceived', ({ payload }) => {
      const match = /^43(\d+)\[/.exec(String(payload));
      const request = match && byAckId.get(match[1]!);
      if (request) request.ackAt = Date.now();
    });
  });
  return {
    take() {
      const taken = requests;
      requests = [];
      byAckId.clear();
      return taken;
    },
  };
}

/** Milestones of one join in ms after the click: first request out, each step's last ack. */
function timeline(sample: Sample, requests: Requests): Record<string, number | null> {
  const clickedAt = sample.clickedAt ?? NaN;
  const first = (name: string) => requests.find((r) => r.name === name);
  const lastAck = (name: string) => {
    const acks = requests.filter((r) => r.name === name && r.ackAt !== undefined).map((r) => r.ackAt!);
    return acks.length ? Math.max(...acks) - clickedAt : null;
  };
  const join = first('stage.join');
  // Device.load opens (and closes) a peer connection of its own first: the receive one is the one that connected.
  const connection = sample.connections?.find((c) => c['pc:connected'] !== undefined) ?? {};
  return {
    joinSent: join ? join.sentAt - clickedAt : null,
    joined: lastAck('stage.join'),
    transportCreated: lastAck('media.createTransport'),
    transportConnected: lastAck('media.connectTransport'),
    consumed: lastAck('media.consume'),
    resumed: lastAck('media.resumeConsumer'),
    iceConnected: connection['ice:connected'] ?? null,
    dtlsConnected: connection['pc:connected'] ?? null,
    videoElement: sample.videoMs ?? null,
    firstFrame: sample.ms,
  };
}

/** What the in-page probes (lib/browser/join-probes.js) put on `window`. */
interface EncoderCounters {
  keyFramesEncoded: number;
  pliCount: number;
  firCount: number;
  framesEncoded: number;
}

interface ProbeWindow {
  benchNavigate(href: string): void;
  benchEncoderCounters(): Promise<EncoderCounters>;
  benchJoin(sessionHref: string, timeoutMs: number): Promise<Sample>;
  benchPeerPair(timeoutMs: number): Promise<Sample>;
}

function ensureClientBuilt(): void {
  if (existsSync(path.join(root, 'client', 'dist', 'index.html'))) return;
  console.log('[stage-join] building the client (client/dist is missing)');
  execFileSync('npm', ['run', 'build:client'], { cwd: root, stdio: 'inherit' });
}

/** A browser context signed in as that demo role (the server's own sign-in sets the cookie). */
async function signedInContext(t: TestPlatform, contexts: () => Promise<BrowserContext>, role: 'speaker' | 'attendee'): Promise<BrowserContext> {
  const [name, value] = (await t.signIn(role)).split('=') as [string, string];
  const context = await contexts();
  await context.addCookies([{ name, value, url: t.url }]);
  await context.addInitScript({ path: probes });
  return context;
}

/** Resolves once the stage has both of the speaker's streams, asked of the server over a socket of our own. */
async function waitUntilLive(t: TestPlatform, sessionId: string): Promise<void> {
  const socket = await t.connect(await t.signIn('moderator'));
  const deadline = Date.now() + 20_000;
  try {
    for (;;) {
      const joined = await socket.request('stage.join', { sessionId });
      if (joined.ok && joined.data.producers.length >= 2) return;
      if (Date.now() > deadline) throw new Error(`the speaker did not go live: ${JSON.stringify(joined)}`);
      await sleep(250);
    }
  } finally {
    await socket.request('stage.leave', { sessionId });
    socket.disconnect();
  }
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

function summarise(samples: Sample[]): { p50: number; p95: number; failures: number } {
  const measured = samples.slice(warmUps);
  // A join that never shows a frame counts as the timeout: it is the slowest join there is.
  const times = measured.map((s) => s.ms ?? timeoutMs);
  return { p50: percentile(times, 50), p95: percentile(times, 95), failures: measured.filter((s) => s.ms === null).length };
}

async function main(): Promise<void> {
  ensureClientBuilt();
  const t = await startTestPlatform();
  const browser = await launchChromium();
  try {
    const conference = await t.platform.database.db.selectFrom('sessions').select('conferenceId').where('id', '=', t.keynoteId).executeTakeFirstOrThrow();
    const agendaHref = `#/conferences/${conference.conferenceId}`;
    const sessionHref = `${agendaHref}/sessions/${t.keynoteId}`;
    const newContext = () => browser.newContext({ viewport: { width: 1280, height: 800 } });

    // The speaker goes live from the studio, as in the walking skeleton.
    const speaker = await (await signedInContext(t, newContext, 'speaker')).newPage();
    await speaker.goto(`${t.url}/#/conferences/${conference.conferenceId}/studio/${t.keynoteId}`);
    await speaker.getByRole('button', { name: /go live/i }).click();
    await waitUntilLive(t, t.keynoteId);

    const attendee: Page = await (await signedInContext(t, newContext, 'attendee')).newPage();
    const requests = recordRequests(attendee);
    await attendee.goto(`${t.url}/${agendaHref}`);
    const stage: Sample[] = [];
    const encoder: { plis: number; keyFrames: number }[] = [];
    const encoderCounters = () => speaker.evaluate(() => (globalThis as unknown as ProbeWindow).benchEncoderCounters());
    const timelines: Record<string, number | null>[] = [];
    for (let i = 0; i < joins + warmUps; i++) {
      // Back on the agenda: the stage page unmounts and leaves the stage; the session's link is there again.
      await attendee.evaluate((href) => (globalThis as unknown as ProbeWindow).benchNavigate(href), agendaHref);
      await attendee.waitForSelector(`a[href="${sessionHref}"]`, { timeout: 10_000 }).catch(() => undefined /* the probe falls back to the address */);
      await sleep(pauseMs);
      requests.take();
      const encoderBefore = await encoderCounters();
      const sample = await attendee.evaluate(([href, timeout]) => (globalThis as unknown as ProbeWindow).benchJoin(href, timeout), [sessionHref, timeoutMs] as const);
      const encoderAfter = await encoderCounters();
      stage.push(sample);
      timelines.push(timeline(sample, requests.take()));
      // What the speaker's encoder did during this join: keyframe requests it got and keyframes it made.
      encoder.push({
        plis: encoderAfter.pliCount + encoderAfter.firCount - encoderBefore.pliCount - encoderBefore.firCount,
        keyFrames: encoderAfter.keyFramesEncoded - encoderBefore.keyFramesEncoded,
      });
      console.log(
        `[stage-join] join ${String(i + 1).padStart(2)}: ${sample.ms === null ? sample.error : `${sample.ms.toFixed(0)} ms`} ` +
          `(video element at ${sample.videoMs?.toFixed(0)} ms; speaker got ${encoder[i]!.plis} keyframe requests, made ${encoder[i]!.keyFrames} keyframes)`,
      );
    }

    // The baseline in the same browser, on a page of the same origin (getUserMedia needs one).
    const pair = await (await newContext()).newPage();
    await pair.addInitScript({ path: probes });
    await pair.goto(`${t.url}/#/bench`);
    const peer: Sample[] = [];
    for (let i = 0; i < joins + warmUps; i++) {
      const sample = await pair.evaluate((timeout) => (globalThis as unknown as ProbeWindow).benchPeerPair(timeout), timeoutMs);
      peer.push(sample);
      console.log(`[stage-join] peer pair ${String(i + 1).padStart(2)}: ${sample.ms === null ? sample.error : `${sample.ms.toFixed(0)} ms`}`);
    }

    const s = summarise(stage);
    const steps = Object.keys(timelines[0] ?? {});
    const medianTimeline = Object.fromEntries(
      steps.map((step) => {
        const values = timelines.slice(warmUps).map((milestones) => milestones[step]).filter((v): v is number => typeof v === 'number');
        return [step, values.length ? round(percentile(values, 50), 1) : null];
      }),
    );
    console.log(`[stage-join] median milestones after the click (ms): ${JSON.stringify(medianTimeline)}`);
    const p = summarise(peer);
    const result = writeResult(
      'stage-join',
      {
        p50Ms: round(s.p50, 1),
        p95Ms: round(s.p95, 1),
        p2pP50Ms: round(p.p50, 1),
        p2pP95Ms: round(p.p95, 1),
        ratio: round(s.p95 / p.p95, 3),
        failedJoins: s.failures,
      },
      { p95Ms: { max: 400 }, ratio: { max: 2 } },
      {
        joins,
        warmUpsDiscarded: warmUps,
        timeoutMs,
        chromium: browser.version(),
        clicked: stage[stage.length - 1]?.via,
        medianMilestonesMs: medianTimeline,
        stageMs: stage.map((x) => x.ms),
        // The attendee's receive connection of each join: media over UDP, or TCP when UDP failed.
        protocols: countBy(stage.map((x) => x.protocol ?? 'none')),
        speakerEncoderPerJoin: encoder,
        peerPairMs: peer.map((x) => x.ms),
      },
    );
    console.log(`[stage-join] ${JSON.stringify(result.metrics)} pass=${result.pass}`);
  } finally {
    await browser.close();
    await t.close();
  }
}

runBenchmark(main);

import { randomBytes } from 'node:crypto';
import path from 'node:path';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { mediaCodecs } from '../../server/src/media/media-codecs';
import { HelperProcess } from './child';
import { cpuMicros, sleep, udpDrops, waitForExit } from './proc';
import { source, startRtpSource } from './rtp-source';

type Kind = 'audio' | 'video';
type Counts = Record<Kind, { rtp: number; rtcp: number }>;

/** A mediasoup worker as the server starts one (WorkerPool), on a port range of its own. */
export async function startWorker(): Promise<types.Worker> {
  return mediasoup.createWorker({ logLevel: 'warn', rtcMinPort: 20000, rtcMaxPort: 29999 });
}

/** mediasoup 3.8's close() only sends SIGTERM; wait until the process is really gone. */
export async function stopWorker(worker: types.Worker): Promise<void> {
  const { pid } = worker;
  worker.close();
  await waitForExit(pid);
}

/** The talk's router: two PlainTransports (comedia: they learn ffmpeg's address from its first packet) and their producers. */
export interface StageSource {
  router: types.Router;
  producers: Record<Kind, types.Producer>;
  ports: Record<Kind, number>;
}

export async function createStageSource(worker: types.Worker): Promise<StageSource> {
  const router = await worker.createRouter({ mediaCodecs });
  const transport = () => router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: true });
  const [audioTransport, videoTransport] = [await transport(), await transport()];
  const audio = await audioTransport.produce({
    kind: 'audio',
    rtpParameters: {
      codecs: [{ mimeType: 'audio/opus', payloadType: source.audio.payloadType, clockRate: 48000, channels: 2, parameters: { 'sprop-stereo': 1 } }],
      encodings: [{ ssrc: source.audio.ssrc }],
    },
  });
  const video = await videoTransport.produce({
    kind: 'video',
    rtpParameters: {
      codecs: [
        {
          mimeType: 'video/VP8',
          payloadType: source.video.payloadType,
          clockRate: 90000,
          rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
        },
      ],
      encodings: [{ ssrc: source.video.ssrc }],
    },
  });
  return { router, producers: { audio, video }, ports: { audio: audioTransport.tuple.localPort, video: videoTransport.tuple.localPort } };
}

/**
 * The router's capabilities without bandwidth estimation (transport-cc, abs-send-time, REMB): our
 * receivers send no feedback, and with estimation on, probe packets would land on them and the
 * estimate would fall (the recording pitfall in ENVIRONMENT.md). Everything else is what a browser gets.
 */
function viewerCapabilities(router: types.Router): types.RtpCapabilities {
  const { codecs = [], headerExtensions = [] } = router.rtpCapabilities;
  return {
    codecs: codecs.map((codec) => ({
      ...codec,
      rtcpFeedback: (codec.rtcpFeedback ?? []).filter((fb) => fb.type !== 'transport-cc' && fb.type !== 'goog-remb'),
    })),
    headerExtensions: headerExtensions.filter((ext) => !/transport-wide-cc|abs-send-time/.test(ext.uri)),
  };
}

/**
 * Viewers on a router: each one a PlainTransport connected to its own receiver port, with an audio
 * and a video consumer (what an attendee's receive transport holds). Created paused and resumed
 * once all exist, as the stage does; the video starts forwarding at the next keyframe. With `srtp`,
 * the worker encrypts every packet as it does for a browser (AES_CM_128_HMAC_SHA1_80); the
 * receivers only count packets, whose RTP headers stay readable.
 */
export async function addViewers(
  router: types.Router,
  producers: Record<Kind, types.Producer>,
  ports: number[],
  options: { srtp?: boolean } = {},
): Promise<() => void> {
  const rtpCapabilities = viewerCapabilities(router);
  const transports: types.PlainTransport[] = [];
  const consumers: types.Consumer[] = [];
  const srtpCryptoSuite = 'AES_CM_128_HMAC_SHA1_80';
  for (const port of ports) {
    const transport = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: false, enableSrtp: options.srtp, srtpCryptoSuite });
    const srtpParameters = options.srtp ? { cryptoSuite: srtpCryptoSuite, keyBase64: randomBytes(30).toString('base64') } as const : undefined;
    await transport.connect({ ip: '127.0.0.1', port, srtpParameters });
    transports.push(transport);
    for (const producer of [producers.audio, producers.video]) {
      consumers.push(await transport.consume({ producerId: producer.id, rtpCapabilities, paused: true }));
    }
  }
  await Promise.all(consumers.map((consumer) => consumer.resume()));
  return () => transports.forEach((transport) => transport.close());
}

export interface Window {
  seconds: number;
  /** RTP packets per second ffmpeg sent (audio + video): what each viewer should receive. */
  sourceRtpPerS: number;
  /** CPU of each named process over the window, in microseconds per second (1e6 = one full core). */
  cpu: Record<string, number>;
  /** The part of `cpu` spent in the kernel (system time): sendmsg and the loopback path. */
  cpuKernel: Record<string, number>;
  /**
   * Per named group of receiver ports, the RTP packets that reached their sockets (read, or
   * dropped by the kernel at a full receive buffer) divided by viewers x packets ffmpeg sent:
   * 1 means every packet reached every viewer. Counted from just before to just after the window.
   */
  delivery: Record<string, number>;
}

interface Snapshot {
  source: number;
  rtp: number[];
  rtcp: number[];
  drops: Map<number, number>;
}

/** A window counts when every viewer received the stream within 2%. */
const deliveryTolerance = 0.02;

/**
 * ffmpeg, the relay and the receivers, started once per benchmark. mediasoup workers are the
 * caller's; the relay pipes the stream into them or fans it out itself (the baseline).
 */
export class StageRig {
  readonly receiverPorts: number[];
  readonly #receivers: HelperProcess;
  readonly #relay: HelperProcess;
  readonly #ffmpeg: ReturnType<typeof startRtpSource>;

  private constructor(receivers: HelperProcess, relay: HelperProcess, ffmpeg: ReturnType<typeof startRtpSource>, ports: number[]) {
    this.#receivers = receivers;
    this.#relay = relay;
    this.#ffmpeg = ffmpeg;
    this.receiverPorts = ports;
  }

  static async start(maxViewers: number): Promise<StageRig> {
    const receivers = new HelperProcess(path.join(__dirname, 'udp-receivers.ts'));
    const relay = new HelperProcess(path.join(__dirname, 'udp-relay.ts'));
    const { ports } = await receivers.request<{ ports: number[] }>('open', { count: maxViewers });
    const relayPorts = await relay.request<Record<Kind, number>>('ports');
    const ffmpeg = startRtpSource(relayPorts);
    const rig = new StageRig(receivers, relay, ffmpeg, ports);
    const deadline = Date.now() + 10_000;
    while ((await rig.#relayCounts()).video.rtp === 0) {
      if (ffmpeg.process.exitCode !== null || ffmpeg.process.pid === undefined || Date.now() > deadline) {
        await rig.close();
        throw new Error(`ffmpeg sends no RTP: ${ffmpeg.errors() || `exit code ${ffmpeg.process.exitCode}`}`);
      }
      await sleep(100);
    }
    return rig;
  }

  /** Sends the stream into a router's PlainTransports, from now until the end. */
  pipeTo(stage: StageSource): Promise<unknown> {
    return this.#relay.request('pipe', { targets: stage.ports });
  }

  /** The baseline: the relay itself also sends every packet to the first `viewers` receivers. */
  fanOut(viewers: number): Promise<unknown> {
    return this.#relay.request('fanout', { ports: this.receiverPorts.slice(0, viewers) });
  }

  stopFanOut(): Promise<unknown> {
    return this.#relay.request('stopFanout');
  }

  /**
   * Waits until every viewer in [0, viewers) reads the whole stream (every video consumer has
   * passed a keyframe and the receivers have caught up), in one-second probes, at most `timeoutS`.
   * Returns the seconds it took, or null if it never settled.
   */
  async settle(viewers: number, timeoutS = 12): Promise<number | null> {
    const started = Date.now();
    await sleep(1500);
    while (Date.now() - started < timeoutS * 1000) {
      const before = await this.#snapshot();
      await sleep(1000);
      const delivery = this.#delivery(before, await this.#snapshot(), 0, viewers);
      if (Math.abs(delivery - 1) <= deliveryTolerance) return (Date.now() - started) / 1000;
    }
    return null;
  }

  /**
   * Measures CPU over a fixed window: of the given processes, plus ffmpeg, relay and receivers for
   * context. The receivers are stopped (SIGSTOP) for the window: their buffers fill within a second,
   * and from then on the kernel drops each packet at its socket and counts it there. So receiving
   * costs nothing during the window, and the sender's cost does not depend on whether a receiver
   * was asleep and had to be woken (which on loopback is charged to the sender, and varies with
   * everything else the machine runs). `groups` names ranges of receiver indices [from, to).
   */
  async measure(seconds: number, pids: Record<string, number>, groups: Record<string, [number, number]>): Promise<Window> {
    if (this.#ffmpeg.process.exitCode !== null) throw new Error(`ffmpeg stopped: ${this.#ffmpeg.errors()}`);
    const all: Record<string, number> = { ...pids, ffmpeg: this.#ffmpeg.process.pid!, relay: this.#relay.pid, receivers: this.#receivers.pid };
    const before = await this.#snapshot();
    let cpuBefore: Record<string, { user: number; system: number }>;
    let cpuAfter: typeof cpuBefore;
    let sourceBefore: number;
    let sourceAfter: number;
    let started: bigint;
    let elapsed: number;
    process.kill(this.#receivers.pid, 'SIGSTOP');
    try {
      await sleep(1000);
      const cpuNow = () => Object.fromEntries(Object.entries(all).map(([name, pid]) => [name, cpuMicros(pid)]));
      sourceBefore = await this.#sourceRtp();
      cpuBefore = cpuNow();
      started = process.hrtime.bigint();
      await sleep(seconds * 1000);
      cpuAfter = cpuNow();
      elapsed = Number(process.hrtime.bigint() - started) / 1e9;
      sourceAfter = await this.#sourceRtp();
    } finally {
      process.kill(this.#receivers.pid, 'SIGCONT');
    }
    await sleep(1000); // the receivers read what their buffers still hold
    const after = await this.#snapshot();
    const rate = (name: string, part?: 'user' | 'system') => {
      const [b, a] = [cpuBefore[name]!, cpuAfter[name]!];
      const used = part ? a[part] - b[part] : a.user + a.system - b.user - b.system;
      return [name, used / elapsed] as const;
    };
    return {
      seconds: elapsed,
      sourceRtpPerS: (sourceAfter - sourceBefore) / elapsed,
      cpu: Object.fromEntries(Object.keys(all).map((name) => rate(name))),
      cpuKernel: Object.fromEntries(Object.keys(all).map((name) => rate(name, 'system'))),
      delivery: Object.fromEntries(Object.entries(groups).map(([group, [from, to]]) => [group, this.#delivery(before, after, from, to)])),
    };
  }

  /**
   * A window in which every viewer got the whole stream: settles, measures, and measures again (at
   * most `attempts` times) when packets went missing. Keeps the attempt whose delivery came closest to 1.
   */
  async measureSteady(
    viewers: number,
    seconds: number,
    pids: Record<string, number>,
    groups: Record<string, [number, number]>,
    attempts = 3,
  ): Promise<Window & { settledS: number | null; attempts: number }> {
    let best: (Window & { settledS: number | null; attempts: number }) | null = null;
    const miss = (w: Window) => Math.abs(w.delivery.viewers! - 1);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const settledS = await this.settle(viewers);
      const window = { ...(await this.measure(seconds, pids, { ...groups, viewers: [0, viewers] })), settledS, attempts: attempt };
      if (!best || miss(window) < miss(best)) best = window;
      if (miss(window) <= deliveryTolerance) break;
      console.log(`[bench] ${viewers} viewers: delivery ${(window.delivery.viewers! * 100).toFixed(1)}%, measuring again`);
    }
    return best!;
  }

  async close(): Promise<void> {
    await this.#ffmpeg.stop();
    await Promise.all([this.#relay.close(), this.#receivers.close()]);
  }

  /**
   * RTP packets that reached the sockets [from, to) between two snapshots, over what ffmpeg sent
   * times the viewers. Kernel drops do not say RTP from RTCP; they are split as the packets read were.
   */
  #delivery(before: Snapshot, after: Snapshot, from: number, to: number): number {
    if (to <= from) return 1;
    let rtp = 0;
    let rtcp = 0;
    let dropped = 0;
    for (let index = from; index < to; index++) {
      const port = this.receiverPorts[index]!;
      rtp += after.rtp[index]! - before.rtp[index]!;
      rtcp += after.rtcp[index]! - before.rtcp[index]!;
      dropped += (after.drops.get(port) ?? 0) - (before.drops.get(port) ?? 0);
    }
    const arrived = rtp + (rtp + rtcp > 0 ? (dropped * rtp) / (rtp + rtcp) : dropped);
    return arrived / ((to - from) * (after.source - before.source));
  }

  async #snapshot(): Promise<Snapshot> {
    const [source, counts] = await Promise.all([this.#sourceRtp(), this.#receivers.request<{ rtp: number[]; rtcp: number[] }>('counts')]);
    return { source, ...counts, drops: udpDrops(new Set(this.receiverPorts)) };
  }

  async #sourceRtp(): Promise<number> {
    const counts = await this.#relayCounts();
    return counts.audio.rtp + counts.video.rtp;
  }

  async #relayCounts(): Promise<Counts> {
    return this.#relay.request<Counts>('counts');
  }
}

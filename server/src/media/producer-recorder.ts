import { type ChildProcess, spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import type { types } from 'mediasoup';
import { withTimeout } from '@rounds/shared';

/** A second SIGINT after this long interrupts an ffmpeg waiting for packets that no longer come. */
const interruptAfterMs = 1_000;
/** ffmpeg needs this long at most to close the file after SIGINT; then it is killed. */
const stopTimeoutMs = 5_000;
/** How long ffmpeg may take to bind its RTP port after starting. */
const listenTimeoutMs = 5_000;
/** Keyframe requests after the start: ffmpeg can only begin a video file at a keyframe. */
const keyFrameRetryMs = [0, 1_000, 3_000];

export interface RecorderTools {
  ffmpegBin: string;
  /** Local folder for the SDP description and the file being written. */
  spoolDir: string;
  /** UDP ports handed to ffmpeg (an even RTP port and the next one for RTCP). */
  minPort: number;
  maxPort: number;
}

/**
 * Records one producer of a stage to a Matroska file without re-encoding: a PlainTransport on the
 * producer's router sends its RTP to an ffmpeg process on this host (`-c copy`). Simulcast video
 * is recorded at its best layer. The transcode into HLS happens later, in media-worker.
 */
export class ProducerRecorder {
  readonly filePath: string;
  readonly startedAt: Date;
  readonly #transport: types.PlainTransport;
  readonly #ffmpeg: ChildProcess;
  readonly #timers: NodeJS.Timeout[];
  readonly #ffmpegBin: string;
  #stopping: Promise<{ bytes: number }> | undefined;

  private constructor(parts: { filePath: string; transport: types.PlainTransport; ffmpeg: ChildProcess; ffmpegBin: string; timers: NodeJS.Timeout[] }) {
    this.filePath = parts.filePath;
    this.#ffmpegBin = parts.ffmpegBin;
    this.#transport = parts.transport;
    this.#ffmpeg = parts.ffmpeg;
    this.#timers = parts.timers;
    this.startedAt = new Date();
  }

  static async start(router: types.Router, producer: types.Producer, name: string, tools: RecorderTools): Promise<ProducerRecorder> {
    const transport = await router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: false, comedia: false });
    let ffmpeg: ChildProcess | undefined;
    try {
      const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: recorderCapabilities(router), paused: true });
      const port = await freePortPair(tools.minPort, tools.maxPort);
      const sdpPath = `${tools.spoolDir}/${name}.sdp`;
      const filePath = `${tools.spoolDir}/${name}.mkv`;
      await fs.writeFile(sdpPath, describe(consumer, port));
      ffmpeg = spawn(tools.ffmpegBin, ffmpegArgs(sdpPath, filePath), { stdio: ['ignore', 'ignore', 'pipe'] });
      ffmpeg.stderr!.resume(); // Drained so ffmpeg never blocks on a full pipe.
      await waitUntilBound(port, ffmpeg);
      await transport.connect({ ip: '127.0.0.1', port, rtcpPort: port + 1 });
      await consumer.resume();
      const timers = consumer.kind === 'video' ? keyFrameRetryMs.map((ms) => setTimeout(() => void consumer.requestKeyFrame().catch(() => undefined), ms)) : [];
      return new ProducerRecorder({ filePath, transport, ffmpeg, ffmpegBin: tools.ffmpegBin, timers });
    } catch (error) {
      transport.close();
      ffmpeg?.kill('SIGKILL');
      throw error;
    }
  }

  /**
   * Lets ffmpeg finish the file, stops sending, and resolves with the file's size (0: nothing
   * arrived). ffmpeg ends cleanly (with the file's index) on SIGINT while packets still arrive.
   * Once the stream has ended it waits in its read, and a second SIGINT interrupts it without
   * writing the index; the file is then copied once more (no re-encoding) to give it one, so
   * every part has its duration. Idempotent.
   */
  stop(): Promise<{ bytes: number }> {
    this.#stopping ??= (async () => {
      for (const timer of this.#timers) clearTimeout(timer);
      const ffmpeg = this.#ffmpeg;
      let interrupted = false;
      if (ffmpeg.exitCode === null && ffmpeg.signalCode === null) {
        const exited = once(ffmpeg, 'exit');
        ffmpeg.kill('SIGINT');
        const interrupt = setTimeout(() => {
          interrupted = true;
          ffmpeg.kill('SIGINT');
        }, interruptAfterMs);
        await withTimeout(exited, stopTimeoutMs).catch(() => {
          interrupted = true;
          ffmpeg.kill('SIGKILL');
        });
        clearTimeout(interrupt);
      }
      this.#transport.close();
      const size = async () => (await fs.stat(this.filePath).catch(() => null))?.size ?? 0;
      if (interrupted && (await size()) > 0) await this.#index();
      return { bytes: await size() };
    })();
    return this.#stopping;
  }

  /** Copies the file into a new one with an index (a cut-off file keeps what it has if that fails). */
  async #index(): Promise<void> {
    const indexed = this.filePath.replace(/\.mkv$/, '.indexed.mkv');
    const copy = spawn(this.#ffmpegBin, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', this.filePath, '-map', '0', '-c', 'copy', '-f', 'matroska', '-y', indexed], { stdio: 'ignore' });
    const [code] = (await once(copy, 'exit')) as [number | null];
    if (code === 0) await fs.rename(indexed, this.filePath);
    else await fs.rm(indexed, { force: true });
  }
}

function ffmpegArgs(sdpPath: string, filePath: string): string[] {
  return [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
    // The SDP file names the UDP port to listen on; nothing else may be opened.
    // Output starts after a second of probing (not ffmpeg's default five): a short visit is kept too.
    ...['-protocol_whitelist', 'file,udp,rtp', '-fflags', '+genpts', '-analyzeduration', '1000000', '-i', sdpPath],
    // Written out every second, so a crash loses at most the last second.
    ...['-map', '0', '-c', 'copy', '-flush_packets', '1', '-f', 'matroska', '-cluster_time_limit', '1000', '-y', filePath],
  ];
}

/** The router's codecs without retransmission streams: ffmpeg asks for none, and plays only the main one. */
function recorderCapabilities(router: types.Router): types.RtpCapabilities {
  const codecs = (router.rtpCapabilities.codecs ?? []).filter((codec) => !codec.mimeType.toLowerCase().endsWith('/rtx'));
  return { codecs: codecs.map((codec) => ({ ...codec, rtcpFeedback: [] })), headerExtensions: [] };
}

/** An SDP description of the consumer's one stream, for ffmpeg to receive on `port`. */
export function describe(consumer: Pick<types.Consumer, 'kind' | 'rtpParameters'>, port: number): string {
  const codec = consumer.rtpParameters.codecs[0]!;
  const [, encoding] = codec.mimeType.split('/');
  const channels = codec.channels && codec.channels > 1 ? `/${codec.channels}` : '';
  const fmtp = Object.entries(codec.parameters ?? {})
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(';');
  return [
    'v=0',
    'o=- 0 0 IN IP4 127.0.0.1',
    's=Rounds recording',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=${consumer.kind} ${port} RTP/AVP ${codec.payloadType}`,
    `a=rtpmap:${codec.payloadType} ${encoding}/${codec.clockRate}${channels}`,
    ...(fmtp ? [`a=fmtp:${codec.payloadType} ${fmtp}`] : []),
    'a=recvonly',
    '',
  ].join('\n');
}

/** An even port whose next port is free too; ffmpeg binds both (RTP and RTCP). */
async function freePortPair(minPort: number, maxPort: number): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = minPort + 2 * Math.floor((Math.random() * (maxPort - minPort - 1)) / 2);
    if ((await canBind(port)) && (await canBind(port + 1))) return port;
  }
  throw new Error(`No free UDP port pair between ${minPort} and ${maxPort} for a recording`);
}

async function canBind(port: number): Promise<boolean> {
  const socket = dgram.createSocket('udp4');
  try {
    socket.bind(port, '127.0.0.1');
    await once(socket, 'listening');
    return true;
  } catch {
    return false;
  } finally {
    try {
      socket.close();
    } catch {
      // Never bound: nothing to close.
    }
  }
}

/** Resolves once ffmpeg has bound the RTP port (binding it ourselves fails), so no early packet is lost. */
async function waitUntilBound(port: number, ffmpeg: ChildProcess): Promise<void> {
  const deadline = Date.now() + listenTimeoutMs;
  while (await canBind(port)) {
    if (ffmpeg.exitCode !== null) throw new Error(`ffmpeg exited (${ffmpeg.exitCode}) before listening for the recording`);
    if (Date.now() > deadline) throw new Error(`ffmpeg did not listen on port ${port} within ${listenTimeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

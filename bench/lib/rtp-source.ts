import { spawn, type ChildProcess } from 'node:child_process';

/** What the bench's ffmpeg sends; the producers are declared with the same values. */
export const source = {
  audio: { ssrc: 11111111, payloadType: 100 },
  video: { ssrc: 22222222, payloadType: 101 },
  width: 640,
  height: 360,
  fps: 30,
  videoKbps: 600,
  audioKbps: 48,
  /** Keyframe every second, so a consumer resumed mid-stream starts forwarding within a second. */
  keyframeInterval: 30,
  /** A browser's RTP packets stay under about 1,200 bytes; ffmpeg's default (1,472) would mean fewer, larger packets. */
  packetSize: 1200,
};

/**
 * ffmpeg arguments for a live, real-looking talk: `testsrc2` (moving picture, colour bars, counter)
 * 640x360 at 30 fps encoded as VP8 at about 600 kbps, a 440 Hz tone as Opus, both sent as RTP to
 * the given ports (RTCP on the same port, as the PlainTransports use rtcpMux).
 */
export function rtpSourceArgs(ports: { audio: number; video: number }): string[] {
  const out = (kind: 'audio' | 'video') => {
    const { ssrc, payloadType } = source[kind];
    const port = ports[kind];
    return `[select=${kind === 'audio' ? 'a' : 'v'}:f=rtp:ssrc=${ssrc}:payload_type=${payloadType}]rtp://127.0.0.1:${port}?rtcpport=${port}&pkt_size=${source.packetSize}`;
  };
  return [
    '-hide_banner', '-loglevel', 'error', '-nostdin',
    '-re', '-f', 'lavfi', '-i', `testsrc2=size=${source.width}x${source.height}:rate=${source.fps}`,
    '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-map', '1:a', '-c:a', 'libopus', '-b:a', `${source.audioKbps}k`, '-ac', '2', '-ar', '48000',
    '-map', '0:v', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-threads', '1',
    '-b:v', `${source.videoKbps}k`, '-g', String(source.keyframeInterval), '-lag-in-frames', '0', '-auto-alt-ref', '0', '-error-resilient', '1',
    '-f', 'tee', `${out('audio')}|${out('video')}`,
  ];
}

/** Starts ffmpeg (FFMPEG_BIN or `ffmpeg` on the PATH); its error output is kept for the crash message. */
export function startRtpSource(ports: { audio: number; video: number }): { process: ChildProcess; errors: () => string; stop: () => Promise<void> } {
  const child = spawn(process.env.FFMPEG_BIN ?? 'ffmpeg', rtpSourceArgs(ports), { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.on('error', (error) => {
    stderr += `${error.message}\n`;
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { process: child, errors: () => stderr, stop };
}

// stage-consumers: how many viewers one mediasoup worker can feed from one live talk, against a raw
// UDP relay forwarding the same packets to the same receivers in the same run. See bench/README.md.
import { linearFit, round, runBenchmark, writeResult } from './lib/results';
import { addViewers, createStageSource, StageRig, startWorker, stopWorker, type StageSource, type Window } from './lib/stage-rig';

const windowSeconds = Number(process.env.BENCH_WINDOW_S ?? 10);
const viewerCounts = (process.env.BENCH_VIEWERS ?? '0,50,100,200,400').split(',').map(Number);
/** Above this the predicted capacity is not checked by a measurement (the receivers, while the worker settles, would need most of the other core). */
const checkLimit = 800;
/** 70% of one core, in CPU microseconds per second. */
const budget = 0.7e6;

interface Point extends Window {
  viewers: number;
  /** Forwarded RTP packets per second: viewers x source rate (delivery says how many arrived). */
  forwardedPerS: number;
  /** CPU of the forwarding process per forwarded packet at this point, fixed cost included. */
  usPerPacket: number | null;
}

function point(viewers: number, window: Window, forwarder: string): Point {
  const forwardedPerS = viewers * window.sourceRtpPerS;
  return { viewers, forwardedPerS, usPerPacket: viewers ? window.cpu[forwarder]! / forwardedPerS : null, ...window };
}

function log(kind: string, p: Point, forwarder: string): void {
  const pct = (name: string) => `${(p.cpu[name]! / 1e4).toFixed(1)}%`;
  console.log(
    `[stage-consumers] ${kind.padEnd(14)} ${String(p.viewers).padStart(4)} viewers: ${pct(forwarder)} of a core, ` +
      `${Math.round(p.forwardedPerS)} packets/s, delivery ${(p.delivery.viewers! * 100).toFixed(1)}% ` +
      `(in the kernel ${(p.cpuKernel[forwarder]! / 1e4).toFixed(1)}%; ffmpeg ${pct('ffmpeg')})`,
  );
}

/** Viewers at which CPU = budget, from CPU = fixed + perPacket x forwarded. */
const capacity = (fit: { slope: number; intercept: number }, packetsPerViewer: number) => (budget - fit.intercept) / (fit.slope * packetsPerViewer);

async function main(): Promise<void> {
  const rig = await StageRig.start(Math.max(checkLimit, ...viewerCounts));
  const worker = await startWorker();
  try {
    const stage: StageSource = await createStageSource(worker);
    await rig.pipeTo(stage);
    const measureSfu = async (viewers: number, srtp: boolean) => {
      const closeViewers = await addViewers(stage.router, stage.producers, rig.receiverPorts.slice(0, viewers), { srtp });
      const p = point(viewers, await rig.measureSteady(viewers, windowSeconds, { worker: worker.pid }, {}), 'worker');
      closeViewers();
      log(srtp ? 'mediasoup+srtp' : 'mediasoup', p, 'worker');
      return p;
    };
    const sfu: Point[] = [];
    const srtp: Point[] = [];
    const relay: Point[] = [];
    for (const viewers of viewerCounts) {
      const plain = await measureSfu(viewers, false);
      sfu.push(plain);
      // With no viewer nothing is encrypted: the plain point serves both series.
      srtp.push(viewers === 0 ? plain : await measureSfu(viewers, true));
      await rig.fanOut(viewers);
      const p = point(viewers, await rig.measureSteady(viewers, windowSeconds, {}, {}), 'relay');
      await rig.stopFanOut();
      log('relay', p, 'relay');
      relay.push(p);
    }

    // The slope of CPU against forwarded packets is the cost of one forwarded packet.
    const sfuFit = linearFit(sfu.map((p) => ({ x: p.forwardedPerS, y: p.cpu.worker! })));
    const srtpFit = linearFit(srtp.map((p) => ({ x: p.forwardedPerS, y: p.cpu.worker! })));
    const relayFit = linearFit(relay.map((p) => ({ x: p.forwardedPerS, y: p.cpu.relay! })));
    const packetsPerViewer = sfu.reduce((s, p) => s + p.sourceRtpPerS, 0) / sfu.length;
    const consumersAt70pct = capacity(sfuFit, packetsPerViewer);
    const check = consumersAt70pct <= checkLimit ? await measureSfu(Math.floor(consumersAt70pct), false) : null;
    const busiest = sfu[sfu.length - 1]!;

    const all = [...sfu, ...srtp, ...relay, ...(check ? [check] : [])].filter((p) => p.viewers > 0);
    const result = writeResult(
      'stage-consumers',
      {
        consumersAt70pct: Math.floor(consumersAt70pct),
        usPerPacket: round(sfuFit.slope, 3),
        relayUsPerPacket: round(relayFit.slope, 3),
        ratio: round(sfuFit.slope / relayFit.slope, 3),
        checkedWorkerCpuPct: check ? round(check.cpu.worker! / 1e4, 1) : null,
        srtpUsPerPacket: round(srtpFit.slope, 3),
        srtpConsumersAt70pct: Math.floor(capacity(srtpFit, packetsPerViewer)),
        packetsPerViewerPerS: round(packetsPerViewer, 1),
        workerFixedCpuPct: round(sfuFit.intercept / 1e4, 2),
        workerKernelShare: round(busiest.cpuKernel.worker! / busiest.cpu.worker!, 3),
        relayKernelShare: round(relay[relay.length - 1]!.cpuKernel.relay! / relay[relay.length - 1]!.cpu.relay!, 3),
        minDelivery: round(Math.min(...all.map((p) => p.delivery.viewers!)), 4),
      },
      { consumersAt70pct: { min: 500 } },
      {
        viewer: 'one PlainTransport (rtcpMux; plain RTP, or SRTP AES_CM_128_HMAC_SHA1_80) with an Opus and a VP8 consumer',
        source: 'ffmpeg testsrc2 640x360 30 fps VP8 600 kbps (keyframe every second) + Opus 48 kbps, RTP packets <= 1200 bytes',
        relay: 'Node dgram, one connected socket per viewer, each packet sent once per viewer',
        windowSeconds,
        fits: { mediasoup: sfuFit, mediasoupSrtp: srtpFit, relay: relayFit },
        points: { mediasoup: sfu, mediasoupSrtp: srtp, relay, check },
      },
    );
    console.log(`[stage-consumers] ${JSON.stringify(result.metrics)} pass=${result.pass}`);
  } finally {
    await stopWorker(worker);
    await rig.close();
  }
}

runBenchmark(main);

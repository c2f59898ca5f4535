// stage-fanout: the audience of one talk spread over two mediasoup workers (router B fed through
// pipeToRouter) against the same audience on one worker, at the same CPU budget per worker, in one run.
// See bench/README.md.
import type { types } from 'mediasoup';
import { mediaCodecs } from '../server/src/media/media-codecs';
import { linearFit, round, runBenchmark, writeResult } from './lib/results';
import { addViewers, createStageSource, StageRig, startWorker, stopWorker, type Window } from './lib/stage-rig';

const windowSeconds = Number(process.env.BENCH_WINDOW_S ?? 10);
/**
 * Audience sizes. Each is measured on one worker and split half/half over two, so the receivers,
 * ffmpeg and the kernel's loopback path carry the same load in both set-ups.
 */
const viewerCounts = (process.env.BENCH_FANOUT_VIEWERS ?? '0,200,400,600').split(',').map(Number);
/** 70% of one core per worker, in CPU microseconds per second. */
const budget = 0.7e6;

interface Point extends Window {
  workers: 1 | 2;
  viewers: Record<'a' | 'b', number>;
}

async function main(): Promise<void> {
  const rig = await StageRig.start(Math.max(...viewerCounts));
  const workerA = await startWorker();
  const workerB = await startWorker();
  try {
    const stage = await createStageSource(workerA);
    await rig.pipeTo(stage);
    const points: Point[] = [];
    const measure = async (workers: 1 | 2, a: number, b: number, routerB?: types.Router) => {
      const ports = rig.receiverPorts;
      const closers = [await addViewers(stage.router, stage.producers, ports.slice(0, a))];
      if (routerB) closers.push(await addViewers(routerB, stage.producers, ports.slice(a, a + b)));
      const window = await rig.measureSteady(a + b, windowSeconds, { workerA: workerA.pid, workerB: workerB.pid }, { a: [0, a], b: [a, a + b] });
      closers.forEach((close) => close());
      const p: Point = { workers, viewers: { a, b }, ...window };
      console.log(
        `[stage-fanout] ${workers} worker${workers > 1 ? 's' : ' '} ${String(a).padStart(4)} + ${String(b).padStart(4)} viewers: ` +
          `A ${(p.cpu.workerA! / 1e4).toFixed(1)}%, B ${(p.cpu.workerB! / 1e4).toFixed(1)}% of a core, delivery ${(p.delivery.viewers! * 100).toFixed(1)}%`,
      );
      points.push(p);
      return p;
    };

    const routerB = await workerB.createRouter({ mediaCodecs });
    // The two set-ups alternate, so a drift in the machine's speed touches both alike.
    for (const viewers of viewerCounts) {
      await measure(1, viewers, 0);
      // Router B on the second worker gets the talk through a pipe (PipeTransports over loopback
      // UDP), as a stage does when its audience outgrows one worker. Closed again for the next
      // one-worker point, so that one pays nothing for it.
      const pipes = [
        await stage.router.pipeToRouter({ producerId: stage.producers.audio.id, router: routerB }),
        await stage.router.pipeToRouter({ producerId: stage.producers.video.id, router: routerB }),
      ];
      await measure(2, Math.ceil(viewers / 2), Math.floor(viewers / 2), routerB);
      for (const { pipeConsumer, pipeProducer } of pipes) {
        pipeConsumer?.close();
        pipeProducer?.close();
      }
    }

    // Per worker: CPU = fixed + perPacket x packets it forwards to its viewers.
    const packetsPerViewer = points.reduce((s, p) => s + p.sourceRtpPerS, 0) / points.length;
    const fitOf = (workers: 1 | 2, worker: 'a' | 'b') =>
      linearFit(
        points
          .filter((p) => p.workers === workers)
          .map((p) => ({ x: p.viewers[worker] * p.sourceRtpPerS, y: p.cpu[worker === 'a' ? 'workerA' : 'workerB']! })),
      );
    const viewersAtBudget = (fit: { slope: number; intercept: number }) => (budget - fit.intercept) / (fit.slope * packetsPerViewer);
    const one = fitOf(1, 'a');
    const twoA = fitOf(2, 'a');
    const twoB = fitOf(2, 'b');
    const capacity1 = viewersAtBudget(one);
    // Half the audience on each worker: the busier worker reaches its budget first.
    const capacity2 = 2 * Math.min(viewersAtBudget(twoA), viewersAtBudget(twoB));

    const result = writeResult(
      'stage-fanout',
      {
        capacityRatio: round(capacity2 / capacity1, 3),
        capacityOneWorker: Math.floor(capacity1),
        capacityTwoWorkers: Math.floor(capacity2),
        usPerPacketOneWorker: round(one.slope, 3),
        usPerPacketWorkerA: round(twoA.slope, 3),
        usPerPacketWorkerB: round(twoB.slope, 3),
        pipeFixedCpuPctWorkerA: round((twoA.intercept - one.intercept) / 1e4, 2),
        fixedCpuPctWorkerB: round(twoB.intercept / 1e4, 2),
        packetsPerViewerPerS: round(packetsPerViewer, 1),
        minDelivery: round(Math.min(...points.filter((p) => p.viewers.a + p.viewers.b > 0).map((p) => p.delivery.viewers!)), 4),
      },
      { capacityRatio: { min: 1.8 } },
      {
        viewer: 'one PlainTransport (rtcpMux, plain RTP) with an Opus and a VP8 consumer',
        pipe: 'router A (worker A, holds the producers) -> pipeToRouter -> router B (worker B); viewers split half/half',
        windowSeconds,
        fits: { oneWorker: one, twoWorkersA: twoA, twoWorkersB: twoB },
        points,
      },
    );
    console.log(`[stage-fanout] ${JSON.stringify(result.metrics)} pass=${result.pass}`);
  } finally {
    await Promise.all([stopWorker(workerA), stopWorker(workerB)]);
    await rig.close();
  }
}

runBenchmark(main);

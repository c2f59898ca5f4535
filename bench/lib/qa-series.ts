// The numbers of qa-fanout: each listener's latency per question (a row per question), summed up
// per series, per question, per node, and set beside the garbage collections of our processes.
import type { Question } from '@rounds/shared';
import type { GcPause } from './qa-timing';
import { percentile, round } from './results';

/** A delivery not in this long after the last question's ack is lost; it counts as this latency. */
export const lossWaitMs = 5000;

/** A question the askers asked: when (clock ms), and the ack. */
export interface Asked {
  id: number;
  sentAt: number;
  /** From just before the emit to the ack (the server stored the question and broadcast it); null if refused. */
  ackMs: number | null;
  error?: string;
  question?: Question;
}

/** Per question, each listener's latency in ms (null: it never arrived). */
export type Rows = { id: number; latencies: (number | null)[] }[];

export interface Summary {
  samples: number;
  lost: number;
  p50: number;
  p99: number;
  max: number;
}

/** Percentiles over every delivery of every question; a lost delivery counts as `lossWaitMs`. */
export function summarise(rows: Rows, listenerRange?: [number, number]): Summary {
  const all: number[] = [];
  let lost = 0;
  for (const row of rows) {
    for (const latency of listenerRange ? row.latencies.slice(...listenerRange) : row.latencies) {
      if (latency === null) lost++;
      all.push(latency ?? lossWaitMs);
    }
  }
  return { samples: all.length, lost, p50: round(percentile(all, 50), 2), p99: round(percentile(all, 99), 2), max: round(all.reduce((max, latency) => Math.max(max, latency), 0), 2) };
}

/** Per question: the first and the last listener to get it, the median and the p99 (ms after the send). */
export function perQuestion(rows: Rows) {
  return rows.map(({ id, latencies }) => {
    const arrived = latencies.filter((latency): latency is number => latency !== null);
    const all = latencies.map((latency) => latency ?? lossWaitMs);
    return {
      id,
      firstMs: arrived.length ? round(Math.min(...arrived), 2) : null,
      p50Ms: arrived.length ? round(percentile(arrived, 50), 2) : null,
      p99Ms: round(percentile(all, 99), 2),
      lastMs: arrived.length ? round(Math.max(...arrived), 2) : null,
      lost: latencies.length - arrived.length,
    };
  });
}

/** The median over the questions of a delivery time (a question nobody got counts as `lossWaitMs`). */
const medianOf = (values: (number | null)[]) => round(percentile(values.map((v) => v ?? lossWaitMs), 50), 2);

/** One node's listeners of the two-node series: their p99, and the median over the questions of the first and the last delivery. */
export function perNode(rows: Rows, listenerRange: [number, number]) {
  const questions = perQuestion(rows.map(({ id, latencies }) => ({ id, latencies: latencies.slice(...listenerRange) })));
  return { p99: summarise(rows, listenerRange).p99, medianFirstMs: medianOf(questions.map((q) => q.firstMs)), medianLastMs: medianOf(questions.map((q) => q.lastMs)) };
}

/** The asks of a series: failures (each loses all its deliveries), ack times, the time from first to last send. */
export function askSummary(asked: Asked[]) {
  const acks = asked.flatMap((a) => (a.ackMs === null ? [] : [a.ackMs]));
  return {
    failed: asked.filter((a) => a.ackMs === null).map((a) => ({ id: a.id, error: a.error })),
    ackP50Ms: acks.length ? round(percentile(acks, 50), 2) : null,
    ackMaxMs: acks.length ? round(Math.max(...acks), 2) : null,
    spanMs: round(asked[asked.length - 1]!.sentAt - asked[0]!.sentAt, 1),
  };
}

/**
 * A series in full for details: the summary, the asks, each question's deliveries. One stalled
 * question (the machine busy elsewhere for a moment) sets a series' p99 on its own; the median of
 * the questions' own p99s says what a typical question did; the median of their first deliveries,
 * how long the server took before its send loop began.
 */
export function seriesDetails(rows: Rows, asked?: Asked[]) {
  const questions = perQuestion(rows);
  return {
    ...summarise(rows),
    medianQuestionP99: round(percentile(questions.map((q) => q.p99Ms), 50), 2),
    medianFirstMs: medianOf(questions.map((q) => q.firstMs)),
    ...(asked && { asks: askSummary(asked) }),
    perQuestion: questions,
  };
}

/** Each of our processes' collections during a phase, by process (`nodeA`, `nodeB`, `listeners`, `bench`). */
export type GcByProcess = Record<string, GcPause[]>;

/** A process's collections during a phase: how many, their total and longest pause, the long ones. */
export function gcSummary(pauses: GcPause[]) {
  return {
    count: pauses.length,
    totalMs: round(pauses.reduce((sum, pause) => sum + pause.ms, 0), 1),
    maxMs: round(Math.max(0, ...pauses.map((pause) => pause.ms)), 1),
    over10Ms: pauses.filter((pause) => pause.ms >= 10).map((pause) => ({ ...pause, at: round(pause.at, 1), ms: round(pause.ms, 1) })),
  };
}

/**
 * The questions of a series whose last delivery took more than twice the series' median, each with
 * the collection time of each of our processes (server nodes, listeners, the benchmark's own, which
 * sends the ws frames) while it was on its way: a stall of our own processes, or (none) other work
 * on the machine.
 */
export function slowQuestions(rows: Rows, sentAt: Map<number, number>, gc: GcByProcess) {
  const questions = perQuestion(rows);
  const medianLast = percentile(questions.map((q) => q.lastMs ?? lossWaitMs), 50);
  const within = (pauses: GcPause[], from: number, to: number) =>
    round(pauses.filter((pause) => pause.at + pause.ms >= from && pause.at <= to).reduce((sum, pause) => sum + pause.ms, 0), 1);
  return questions
    .filter((q) => (q.lastMs ?? lossWaitMs) > 2 * medianLast)
    .map((q) => {
      const from = sentAt.get(q.id)!;
      const to = from + (q.lastMs ?? lossWaitMs);
      const gcMs = Object.fromEntries(Object.entries(gc).map(([name, pauses]) => [name, within(pauses, from, to)]));
      return { id: q.id, firstMs: q.firstMs, lastMs: q.lastMs, gcMs };
    });
}

/**
 * How the two nodes' halves of the two-node series compare, per question: B's first delivery after
 * A's (the hop: A publishes to Redis before its own send loop, B reads it and starts its loop), and
 * B's p99 after A's. Medians over the questions.
 */
export function nodeGap(rows: Rows, nodeA: [number, number], nodeB: [number, number]) {
  const half = (range: [number, number]) => perQuestion(rows.map(({ id, latencies }) => ({ id, latencies: latencies.slice(...range) })));
  const [a, b] = [half(nodeA), half(nodeB)];
  const median = (values: number[]) => round(percentile(values, 50), 2);
  return {
    medianFirstGapMs: median(a.map((q, i) => (b[i]!.firstMs ?? lossWaitMs) - (q.firstMs ?? lossWaitMs))),
    medianP99GapMs: median(a.map((q, i) => b[i]!.p99Ms - q.p99Ms)),
  };
}

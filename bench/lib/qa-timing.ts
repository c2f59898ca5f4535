// What the qa-fanout processes agree on: one clock, and a question text that carries its id and
// the moment it was sent, so a client can tell its delivery latency from the text alone.
import { constants, performance, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

/**
 * Milliseconds since the epoch, with a fraction: the same clock in every process on this machine
 * (each process's time origin is read from the system clock at its start; `now()` is monotonic
 * after that). The benchmark checks how far two processes disagree (`details.clockOffsetMs`).
 */
export const clock = (): number => performance.timeOrigin + performance.now();

/** The text of benchmark question `id`, sent at `sentAt` (clock ms): `bench <id> <sentAt>`. */
export const questionText = (id: number, sentAt: number): string => `bench ${id} ${sentAt.toFixed(3)}`;

const textPattern = /^bench (\d+) (\d+(?:\.\d+)?)$/;

/** The id and send time from a benchmark question's text; undefined for any other text. */
export function readQuestionText(text: string): { id: number; sentAt: number } | undefined {
  const match = textPattern.exec(text);
  return match ? { id: Number(match[1]), sentAt: Number(match[2]) } : undefined;
}

/** A garbage collection that paused this process's JavaScript: when (clock ms), how long, which kind. */
export interface GcPause {
  at: number;
  ms: number;
  kind: string;
}

const gcKinds: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

/** The name of a collection's kind (`detail.kind` of a `gc` performance entry). */
export const gcKindName = (kind: number | undefined): string => (kind !== undefined && gcKinds[kind]) || String(kind);

/**
 * Notes this process's garbage collections of at least `minMs`: a pause in the server or in the
 * listeners' process delays every delivery behind it, and tells a stall of our own from other work
 * on the machine.
 */
export function watchGcPauses(minMs = 2): { between(from: number, to: number): GcPause[] } {
  const pauses: GcPause[] = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration < minMs) continue;
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      pauses.push({ at: performance.timeOrigin + entry.startTime, ms: entry.duration, kind: gcKindName(kind) });
    }
  }).observe({ entryTypes: ['gc'] });
  return { between: (from, to) => pauses.filter((pause) => pause.at + pause.ms >= from && pause.at <= to) };
}

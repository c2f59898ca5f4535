import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A bound a metric must meet: at least `min`, at most `max`. */
export interface Target {
  min?: number;
  max?: number;
}

export interface BenchResult {
  name: string;
  date: string;
  machine: { cpu: string; cores: number; node: string };
  metrics: Record<string, number | null>;
  targets: Record<string, Target>;
  pass: boolean;
  /** The raw measurements the metrics were computed from. */
  details: unknown;
}

export const resultsDir = path.resolve(__dirname, '..', 'results');

/** The machine's load when the benchmark began: above the core count, other work shared the CPUs. */
const loadAverageAtStart = os.loadavg()[0]!;

export function machine(): BenchResult['machine'] {
  const cpus = os.cpus();
  return { cpu: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length, node: process.version };
}

export function meets(value: number | null | undefined, target: Target): boolean {
  if (value === null || value === undefined || !Number.isFinite(value)) return false;
  return (target.min === undefined || value >= target.min) && (target.max === undefined || value <= target.max);
}

/** Writes bench/results/<name>.json; a missed target is a result (pass: false), not a failure. */
export function writeResult(name: string, metrics: Record<string, number | null>, targets: Record<string, Target>, details: object): BenchResult {
  const result: BenchResult = {
    name,
    date: new Date().toISOString(),
    machine: machine(),
    metrics,
    targets,
    pass: Object.entries(targets).every(([metric, target]) => meets(metrics[metric], target)),
    details: { loadAverage: { atStart: round(loadAverageAtStart), atEnd: round(os.loadavg()[0]!) }, nice: os.getPriority(), ...details },
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(path.join(resultsDir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

/** Least-squares line through the points: y = intercept + slope * x. */
export function linearFit(points: { x: number; y: number }[]): { slope: number; intercept: number; r2: number } {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const syy = points.reduce((s, p) => s + (p.y - my) ** 2, 0);
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: syy === 0 ? 1 : (sxy * sxy) / (sxx * syy) };
}

/** Nearest-rank percentile of the values (p in 0..100). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The nice value benchmarks run at (every process they start inherits it). */
const benchNice = -5;

/**
 * Runs a benchmark's main, reporting a crash with a non-zero exit code. It first raises its own
 * priority a little (root only), so other work on a shared machine starves the receivers, ffmpeg
 * and the workers less often; everything it starts inherits the priority.
 */
export function runBenchmark(main: () => Promise<void>): void {
  try {
    os.setPriority(benchNice);
  } catch {
    console.log(`[bench] could not raise the priority to nice ${benchNice} (not root); other work on the machine will show in the figures`);
  }
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

import { performance } from "node:perf_hooks";

export interface LoadResult {
  operations: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * Runs `clients` loops that each call operation(client) back to back (a closed loop: a
 * client sends its next request when the previous one is answered). Operations started
 * during the warm-up are not measured; operations started before the deadline are, and
 * the window ends when the last of them is answered.
 */
export async function runClosedLoop(options: {
  clients: number;
  warmupMs: number;
  durationMs: number;
  operation: (client: number) => Promise<void>;
  onError?: (error: unknown) => void;
  /** Receives every measured latency (ms), e.g. to combine several slices (combineLoads). */
  samples?: number[];
}): Promise<LoadResult> {
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const deadline = measureFrom + options.durationMs;
  const latencies: number[] = [];
  let errors = 0;
  async function client(index: number): Promise<void> {
    for (let began = performance.now(); began < deadline; began = performance.now()) {
      try {
        await options.operation(index);
        if (began >= measureFrom) latencies.push(performance.now() - began);
      } catch (error) {
        if (began >= measureFrom) errors += 1;
        options.onError?.(error);
      }
    }
  }
  await Promise.all(Array.from({ length: options.clients }, (_, i) => client(i)));
  const seconds = (performance.now() - measureFrom) / 1000;
  options.samples?.push(...latencies);
  latencies.sort((a, b) => a - b);
  return {
    operations: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** Runs fn `runs` times one after another (after `warmup` unmeasured runs); latency percentiles in ms. */
export async function timeRuns(
  runs: number,
  warmup: number,
  fn: () => Promise<unknown>,
): Promise<{ p50Ms: number; p95Ms: number; runs: number }> {
  for (let i = 0; i < warmup; i += 1) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const began = performance.now();
    await fn();
    samples.push(performance.now() - began);
  }
  samples.sort((a, b) => a - b);
  return { p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95), runs };
}

/** Slices of one load run at different moments, as one result (percentiles over all samples). */
export function combineLoads(slices: readonly LoadResult[], samples: readonly number[]): LoadResult {
  const sorted = [...samples].sort((a, b) => a - b);
  const operations = slices.reduce((sum, s) => sum + s.operations, 0);
  const seconds = slices.reduce((sum, s) => sum + s.seconds, 0);
  return {
    operations,
    errors: slices.reduce((sum, s) => sum + s.errors, 0),
    seconds,
    perSecond: operations / seconds,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
  };
}

/*
 * Ratio targets compare variants measured in the same run. One long run of each, one after the
 * other, moved a ratio by a factor of two between runs on a shared machine; slices interleaved
 * in a fixed order still let one variant always follow the same neighbour (an index rebuilt,
 * a checkpoint's burst of full-page writes) and, with two or three rounds, one bad slice
 * decided the verdict: the same code read 0.70–0.98 in successive runs against a 0.9 target.
 * So the variants run in rounds, the order rotated each round, and a ratio is the median of
 * the per-round ratios (each round's slices ran seconds apart, under the same load), shown
 * with its range so a reader sees how far one run can be trusted.
 */

export interface Variant<Slice> {
  name: string;
  /** Runs one measured slice. */
  slice(): Promise<Slice>;
}

/**
 * Runs each variant once per round for `rounds` rounds, starting round r with variant r mod n
 * and keeping the cyclic order, so every variant leads, trails and follows each neighbour
 * alike; `beforeSlice` (unmeasured) puts the machine in the same state before each slice.
 * Returns each variant's slices in round order.
 */
export async function runInterleaved<Slice>(
  variants: readonly Variant<Slice>[],
  rounds: number,
  options: { beforeSlice?: () => Promise<void> } = {},
): Promise<Map<string, Slice[]>> {
  const slices = new Map<string, Slice[]>(variants.map((v) => [v.name, []]));
  for (const order of rotationOrder(variants.length, rounds)) {
    for (const index of order) {
      const variant = variants[index]!;
      await options.beforeSlice?.();
      slices.get(variant.name)!.push(await variant.slice());
    }
  }
  return slices;
}

/** The order runInterleaved runs `count` variants in: round r is r, r + 1, … (mod count). */
export function rotationOrder(count: number, rounds: number): number[][] {
  return Array.from({ length: rounds }, (_, round) => Array.from({ length: count }, (_, i) => (round + i) % count));
}

export interface PairedRatio {
  /** Median of the per-round ratios: the value a target is judged on. */
  median: number;
  low: number;
  high: number;
  perRound: number[];
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * numerator[i] / denominator[i] per round, and their median and range. Rounds where the
 * denominator is 0 or either side is not a number are left out (a slice that did nothing
 * says nothing about the ratio); none left gives NaN, which meets no target.
 */
export function pairedRatio(numerators: readonly number[], denominators: readonly number[]): PairedRatio {
  if (numerators.length !== denominators.length)
    throw new Error(`paired ratio of ${numerators.length} and ${denominators.length} rounds`);
  const perRound = numerators.map((n, i) => n / denominators[i]!).filter((r) => Number.isFinite(r));
  return {
    median: median(perRound),
    low: perRound.length ? Math.min(...perRound) : Number.NaN,
    high: perRound.length ? Math.max(...perRound) : Number.NaN,
    perRound,
  };
}

/** "0.93 (0.88–0.97, 5 rounds)": the median and the range it came from. */
export function formatRatio(ratio: PairedRatio, digits = 2): string {
  if (ratio.perRound.length <= 1) return ratio.median.toFixed(digits);
  return `${ratio.median.toFixed(digits)} (${ratio.low.toFixed(digits)}–${ratio.high.toFixed(digits)}, ${ratio.perRound.length} rounds)`;
}

/**
 * A CHECKPOINT before each slice: every slice then starts from the same state of the
 * database's dirty pages and WAL, instead of one meeting a checkpoint (or the writes of an
 * index another variant just rebuilt) halfway and losing 10-30% of its rate. Needs superuser
 * or pg_checkpoint; without, the slices run as they come (said once).
 */
export function checkpointBeforeSlices(
  client: { query(text: string): Promise<unknown> },
  log: (message: string) => void,
): () => Promise<void> {
  let isAllowed = true;
  return async () => {
    if (!isAllowed) return;
    try {
      await client.query("CHECKPOINT");
    } catch (error) {
      isAllowed = false;
      log(`no CHECKPOINT before slices (${error instanceof Error ? error.message : String(error)})`);
    }
  };
}

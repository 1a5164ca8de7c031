/**
 * The outcomes so far of a guarded bulk retry's first chunk (its "canary"): retries requested,
 * those settled recovered or failed again, and those still running. A retry overtaken by a
 * person (moved, cancelled) is neither and never fails again.
 */
export interface CanaryCounts {
  requested: number;
  failedAgain: number;
  running: number;
}

/** Default share of a guarded retry's first chunk that may fail again before it pauses. */
export const DEFAULT_PAUSE_WHEN_FAILED_AGAIN_SHARE = 0.5;

export type CanaryDecision = { kind: "continue" } | { kind: "wait" } | { kind: "pause"; reason: string };

/**
 * Pure: whether a guarded bulk retry may run the rest of its documents after its first chunk.
 * It pauses as soon as more than `share` of the chunk's requested retries failed again, goes
 * on as soon as that can no longer happen (even if every running one failed), and otherwise
 * waits for more outcomes. A share of 1 never pauses.
 */
export function decideCanary(counts: CanaryCounts, share: number): CanaryDecision {
  const allowed = share * counts.requested;
  if (counts.failedAgain > allowed) {
    const percent = Math.round(share * 100);
    return {
      kind: "pause",
      reason:
        `${counts.failedAgain} of the first ${counts.requested} retries failed again (more than ${percent}%): ` +
        "the cause is probably not fixed yet. Resume or cancel the rest.",
    };
  }
  if (counts.failedAgain + counts.running <= allowed) return { kind: "continue" };
  return { kind: "wait" };
}

/*
 * Heat of a state in the designer's monitor mode: how much attention the documents waiting
 * there need, from how many wait (relative to the busiest state) and how long the oldest
 * has waited (relative to the state's SLA, else to a day).
 */

export type HeatLevel = 0 | 1 | 2 | 3 | 4;

/** Wait that counts as "long" for a state without an SLA. */
export const DEFAULT_LONG_WAIT_SECONDS = 86_400;

export interface HeatInput {
  count: number;
  /** Documents in the busiest state of the workflow (≥ count). */
  maxCount: number;
  oldestWaitSeconds: number | null;
  slaSeconds?: number;
}

/**
 * Pure: 0 for an empty state, else 1 (cool) … 4 (hot). Crowding and waiting weigh the same;
 * a state whose oldest document is past its SLA is at least level 3, so an overdue state
 * never looks calm just because it holds few documents.
 */
export function heatLevel({ count, maxCount, oldestWaitSeconds, slaSeconds }: HeatInput): HeatLevel {
  if (count <= 0) return 0;
  const crowd = maxCount > 0 ? Math.min(1, count / maxCount) : 0;
  const limit = slaSeconds && slaSeconds > 0 ? slaSeconds : DEFAULT_LONG_WAIT_SECONDS;
  const wait = oldestWaitSeconds === null ? 0 : Math.min(1, oldestWaitSeconds / limit);
  const score = (crowd + wait) / 2;
  const level = Math.min(4, Math.max(1, Math.ceil(score * 4))) as HeatLevel;
  const isOverdue = slaSeconds !== undefined && oldestWaitSeconds !== null && oldestWaitSeconds > slaSeconds;
  return isOverdue ? (Math.max(level, 3) as HeatLevel) : level;
}

/** Pure: "45s", "12m", "3h 5m", "2d 4h" — a wait as a person reads it. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return `${Math.floor(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) {
    const m = Math.floor((seconds % 3600) / 60);
    return `${Math.floor(seconds / 3600)}h${m ? ` ${m}m` : ""}`;
  }
  const h = Math.floor((seconds % 86_400) / 3600);
  return `${Math.floor(seconds / 86_400)}d${h ? ` ${h}h` : ""}`;
}

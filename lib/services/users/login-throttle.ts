/** Failed sign-ins older than this are forgotten. */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
const FREE_FAILURES = 3;
const MAX_WAIT_MS = 5 * 60_000;

/**
 * How long a client must wait before the next sign-in attempt for an e-mail after `failures`
 * consecutive failures: free for the first few, then doubling from 1 s up to 5 minutes.
 * Pure.
 */
export function throttleWaitMs(failures: number, lastFailureAt: Date | null, now: Date): number {
  if (!lastFailureAt || failures < FREE_FAILURES) return 0;
  const sinceLast = now.getTime() - lastFailureAt.getTime();
  if (sinceLast > THROTTLE_WINDOW_MS) return 0;
  const wait = Math.min(1000 * 2 ** (failures - FREE_FAILURES), MAX_WAIT_MS);
  return Math.max(0, wait - sinceLast);
}

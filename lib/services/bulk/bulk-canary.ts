/**
 * A guarded bulk retry (pauseWhenFailedAgainShare) runs this many documents first and waits
 * for their outcomes before the rest: the runner's chunk, so the first chunk is the canary.
 */
export const CANARY_SIZE = 25;

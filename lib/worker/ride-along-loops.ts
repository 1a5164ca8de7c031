import type { Worker } from "./create-worker";

/** A periodic loop of the worker process (alerts, timers, the analytics fold, history partitions). */
export interface RideAlongLoop {
  start(): void;
  stop(): Promise<void>;
}

/**
 * The job worker with loops riding along: they start after it and stop with it (the worker's
 * grace period and the loops' last ticks in parallel); `runOnce` stays the worker's own.
 */
export function withLoops(worker: Worker, loops: readonly RideAlongLoop[]): Worker {
  return {
    owner: worker.owner,
    async start() {
      await worker.start();
      for (const loop of loops) loop.start();
    },
    async stop(graceMs) {
      const [result] = await Promise.all([worker.stop(graceMs), ...loops.map((loop) => loop.stop())]);
      return result;
    },
    runOnce: () => worker.runOnce(),
  };
}

import type { StateDef, WorkflowDefinition } from "../definition-schema";
import { transitionsFrom } from "../graph-index";
import { evaluateGuard } from "../guards";

/**
 * What a migration does to a document's automated action:
 * - keep: same state key and the same action (and retry policy) in both versions; the job
 *   stays exactly as it is (attempts, next run);
 * - requeue: the target state has an action that differs (or the state changed): a fresh job
 *   for B's action replaces any job of A's;
 * - cancel: the target state has no action: A's pending or exhausted job is dropped;
 * - none: no job to touch (no action before or after, or the same action and no job).
 */
export type JobPlan = "keep" | "requeue" | "cancel" | "none";

/** Pure: the job plan for a document in `fromState` of A moving to `toState` of B. */
export function planMigratedJob(fromState: StateDef, toState: StateDef, hasJob: boolean): JobPlan {
  if (fromState.key === toState.key && sameAction(fromState, toState)) return hasJob ? "keep" : "none";
  if (toState.action) return "requeue";
  return hasJob ? "cancel" : "none";
}

function sameAction(a: StateDef, b: StateDef): boolean {
  return JSON.stringify([a.action ?? null, a.retry ?? null]) === JSON.stringify([b.action ?? null, b.retry ?? null]);
}

/**
 * Pure: whether a document with this metadata would be stuck in `stateKey` of `definition`:
 * the state is not terminal and every transition out of it has a guard the metadata fails
 * (or there is none), so nobody and nothing could move it on without a metadata change.
 */
export function wouldBeStuck(definition: WorkflowDefinition, stateKey: string, metadata: unknown): boolean {
  const state = definition.states.find((s) => s.key === stateKey);
  if (!state || state.kind === "terminal") return false;
  return !transitionsFrom(definition, stateKey).some((t) => !t.guard || evaluateGuard(t.guard.jsonSchema, metadata).ok);
}

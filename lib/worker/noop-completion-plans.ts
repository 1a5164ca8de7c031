import { SYSTEM_ACTOR, fireableStates } from "../engine";
import type { NoopCompletionPlan } from "../db/sql/apply-state-change";
import { loadedPublishedDefinitions } from "../services/workflows/load-published-definition";

let cachedGeneration = -1;
let cachedPlans: NoopCompletionPlan[] = [];

/**
 * The (version, state)s whose due jobs the worker completes where it finds them
 * (completeDueNoopJobs): of every published version this process has loaded, the states whose
 * action is a noop and whose onSuccess the engine allows the system without a guard
 * (fireableStates, the decision proposeTransition makes), with that decision. Derived once per
 * set of loaded definitions. A guarded onSuccess, or a version not loaded yet, is not planned:
 * its jobs are claimed and decided one by one (completeNoopJobs, runJob).
 */
export function noopCompletionPlans(): NoopCompletionPlan[] {
  const { generation, definitions } = loadedPublishedDefinitions();
  if (generation === cachedGeneration) return cachedPlans;
  const plans: NoopCompletionPlan[] = [];
  for (const [workflowVersionId, definition] of definitions) {
    for (const state of definition.states) {
      if (state.action?.type !== "noop" || !state.onSuccess) continue;
      const allowed = fireableStates(definition, SYSTEM_ACTOR.role, { transition: state.onSuccess, reason: null }).find(
        (entry) => entry.from === state.key,
      )?.allowed;
      if (!allowed) continue;
      plans.push({
        workflowVersionId,
        state: state.key,
        transitionKey: allowed.transition.key,
        toState: allowed.to,
        hasAction: allowed.hasAction,
        timer: allowed.timer,
        maxAttempts: state.retry?.maxAttempts ?? 1,
      });
    }
  }
  cachedGeneration = generation;
  cachedPlans = plans;
  return plans;
}

import type { StateTimeout, WorkflowDefinition } from "./definition-schema";
import { findState } from "./graph-index";

/**
 * Pure: the timer a document entering `stateKey` arms, or null. Every state change passes
 * this to the statement that applies it, which arms the timer (or drops the old one) in the
 * same statement, so a document is never in a state with another state's timer.
 */
export function stateTimer(definition: WorkflowDefinition, stateKey: string): StateTimeout | null {
  const timeout = findState(definition, stateKey)?.timeout;
  return timeout ? { afterSeconds: timeout.afterSeconds, transition: timeout.transition } : null;
}

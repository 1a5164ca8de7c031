import { type Actor, fireableStates } from "../../engine";
import type { MatchedFireCandidate } from "../../db/sql/apply-state-change";
import { loadedPublishedDefinitions } from "../workflows/load-published-definition";

// A statement matches the document against at most this many (version, state) rows; beyond
// it, documents of the versions left out are fired in two round trips (decision read first).
const MAX_CANDIDATES = 64;

let cachedGeneration = -1;
const cache = new Map<string, MatchedFireCandidate[]>();

/**
 * The one-round-trip fire's candidates for (transition, role, reason given or not): for every
 * published version this process has loaded, the states the engine allows the fire from
 * without a guard (fireableStates), with its answer. Derived once per set of loaded
 * definitions. A document of a version not loaded yet (or of a guarded transition) matches
 * none and is decided in Node on the row the statement answers with.
 */
export function fireCandidates(actor: Actor, transition: string, reason: string | undefined): MatchedFireCandidate[] {
  const { generation, definitions } = loadedPublishedDefinitions();
  if (generation !== cachedGeneration) {
    cache.clear();
    cachedGeneration = generation;
  }
  const hasReason = Boolean(reason?.trim());
  const key = `${transition}\u0000${actor.role}\u0000${hasReason ? "r" : ""}`;
  let candidates = cache.get(key);
  if (!candidates) {
    candidates = [];
    // Most recently loaded first: when more than MAX_CANDIDATES match, the newest versions win.
    for (const [workflowVersionId, definition] of [...definitions].reverse()) {
      for (const { from, allowed } of fireableStates(definition, actor.role, {
        transition,
        reason: hasReason ? "r" : null,
      })) {
        if (candidates.length === MAX_CANDIDATES) break;
        candidates.push({
          workflowVersionId,
          fromState: from,
          toState: allowed.to,
          hasAction: allowed.hasAction,
          timer: allowed.timer,
        });
      }
    }
    // An empty list is not kept: the transition name comes from the request, and keeping
    // every unknown name would grow the cache without bound (recomputing it is a loop over
    // the loaded definitions, each of which caches only its own keys).
    if (candidates.length > 0) cache.set(key, candidates);
  }
  return candidates;
}

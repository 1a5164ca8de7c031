import type { ReplayStep } from "./replay-input";

/*
 * The what-if report: what the draft would have refused or changed in the recent real paths.
 * Every finding carries its count and a few example document ids to open.
 */

export type ActorCounts = Record<ReplayStep["actorType"], number>;

/** Why a step people or systems really took has no counterpart in the draft. */
export type RemovedStepReason =
  /** The state the step left does not exist in the draft. */
  | "STATE_REMOVED"
  /** No transition of the draft has this key. */
  | "TRANSITION_REMOVED"
  /** The key exists but does not leave this state (or the state became terminal). */
  | "NOT_FROM_STATE";

export interface RemovedTransitionFinding {
  transitionKey: string;
  fromState: string;
  toState: string;
  reason: RemovedStepReason;
  count: number;
  byActor: ActorCounts;
  examples: string[];
}

/** The draft still has the transition, but it leads somewhere else. */
export interface RetargetedTransitionFinding {
  transitionKey: string;
  fromState: string;
  toState: string;
  draftToState: string;
  count: number;
  examples: string[];
}

export interface ForbiddenTransitionFinding {
  transitionKey: string;
  fromState: string;
  role: string;
  message: string;
  count: number;
  byActor: ActorCounts;
  examples: string[];
}

export interface GuardFailureFinding {
  transitionKey: string;
  fromState: string;
  count: number;
  /** Each guard failure (path and message) with how many steps it refused. */
  failures: { path: string; message: string; count: number }[];
  examples: string[];
}

export interface UnmappedStateFinding {
  state: string;
  label: string;
  kind: string;
  /** Documents of the window that were in this state at some point, or are now. */
  recentDocuments: number;
  examples: string[];
}

export interface SlaBreachFinding {
  state: string;
  draftMaxSeconds: number;
  /** The SLA of the latest published version for this state; null if it had none. */
  baselineMaxSeconds: number | null;
  /** Visits longer than the draft's SLA that the published SLA let pass. */
  count: number;
  /** Longest dwell among them, in seconds. */
  maxDwellSeconds: number;
  examples: { documentId: string; dwellSeconds: number }[];
}

export interface ReplayReport {
  /** Documents replayed, and state-changing steps among them checked against the draft. */
  documents: number;
  steps: number;
  /** Where guard metadata and actor roles come from (history keeps neither). */
  metadataSource: "current";
  roleSource: "current";
  removedTransitions: RemovedTransitionFinding[];
  retargetedTransitions: RetargetedTransitionFinding[];
  forbiddenTransitions: ForbiddenTransitionFinding[];
  guardFailures: GuardFailureFinding[];
  unmappedStates: UnmappedStateFinding[];
  newSlaBreaches: SlaBreachFinding[];
}

import type { WorkflowDefinition } from "../definition-schema";
import type { Role } from "../roles";

/*
 * What a what-if replay reads: the recent paths of real documents, as history recorded them,
 * and the definitions to hold them against. Times are epoch milliseconds so the engine never
 * reads a clock (the caller passes `asOf`).
 */

/** The history event types that move a document between states (the others do not). */
export const REPLAY_STEP_TYPES = ["CREATED", "TRANSITION", "FORCED_MOVE", "MANUAL_RETRY", "MIGRATED"] as const;
export type ReplayStepType = (typeof REPLAY_STEP_TYPES)[number];

/** One state-changing history event of a document, in seq order. */
export interface ReplayStep {
  type: ReplayStepType;
  fromState: string | null;
  toState: string | null;
  transitionKey: string | null;
  actorType: "USER" | "API" | "SYSTEM";
  /**
   * The actor's role as far as it is known (history records who, not which role: callers pass
   * the user's or token's current role, admin for the system). null: unknown (a deleted user
   * or token), so the role check is skipped rather than guessed.
   */
  role: Role | null;
  at: number;
}

/** A document's recent path: its state-changing events inside the window, and where it is now. */
export interface ReplayDocumentPath {
  documentId: string;
  /** The published version the document is pinned to: its SLAs are the baseline. */
  version: number;
  /** Steps with `at` inside the window, oldest first. */
  steps: readonly ReplayStep[];
  /** Current state and since when: closes the last visit. */
  state: string;
  stateEnteredAt: number;
  /**
   * Metadata the draft's guards are checked with. History records which keys changed, not
   * the values, so this is the document's current metadata (the report says so).
   */
  metadata: unknown;
}

export interface ReplayOptions {
  draft: WorkflowDefinition;
  /** The latest published definition (its states must map into the draft); null if never published. */
  current: WorkflowDefinition | null;
  /** Published definitions by version number: the SLAs each document ran under. */
  baselines: ReadonlyMap<number, WorkflowDefinition>;
  /** Window start (epoch ms): visits that began earlier are measured from here (a lower bound). */
  since: number;
  /** "Now" for open visits (epoch ms), passed in so the replay is pure. */
  asOf: number;
  /** Example document ids kept per finding. */
  exampleLimit?: number;
}

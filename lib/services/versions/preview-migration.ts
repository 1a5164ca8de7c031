import { type Actor, findState, wouldBeStuck, type JobPlan } from "../../engine";
import type { ServiceDb } from "../db-types";
import { assertNotTooLarge, countSelection, readSelectedDocuments } from "../bulk/bulk-selection";
import type { MigrationInput } from "../../contracts/migration-requests";
import { decideMigration } from "./migration-eligibility";
import { resolveMigrationPlan } from "./resolve-migration-plan";

const CHUNK = 1_000;
const EXAMPLES = 5;

export interface MigrationStatePreview {
  /** The state of the source version. */
  fromState: string;
  /** The state of the target version it maps to. */
  toState: string;
  /** Whether the mapping was given (else: same key and kind). */
  isExplicit: boolean;
  /** Documents of the selection in this state. */
  documents: number;
  /** Would move now. */
  moving: number;
  /** Would land in a state whose every outgoing transition's guard their metadata fails. */
  stuck: number;
  stuckExamples: { id: string; title: string }[];
  /** Have a running action: they wait (are skipped) and stay whole on the source version. */
  running: number;
  /** What moving does to their automated action (documents per plan); see the engine's JobPlan. */
  jobs: Record<Exclude<JobPlan, "none">, number>;
  /** Why their jobs are re-planned, when they are. */
  jobNote: string | null;
}

export interface MigrationPreview {
  workflow: string;
  fromVersion: number;
  toVersion: number;
  mapping: Record<string, string>;
  /** Documents of the selection pinned to the source version. */
  total: number;
  moving: number;
  stuck: number;
  running: number;
  states: MigrationStatePreview[];
}

/**
 * Dry run of a migration plan: per source state, how many documents of the selection move
 * to which state of the target version, how many would be stuck there, how many wait for a
 * running action, and which pending jobs are kept, re-queued for the target's action or
 * cancelled. Validates exactly as the run does (resolveMigrationPlan) and writes nothing.
 */
export async function previewMigration(
  db: ServiceDb,
  actor: Pick<Actor, "role">,
  input: MigrationInput,
): Promise<MigrationPreview> {
  const plan = await resolveMigrationPlan(db, actor, input);
  assertNotTooLarge(await countSelection(db, plan.conditions));
  const states = new Map<string, MigrationStatePreview>();
  for (const state of plan.from.definition.states) {
    const toState = plan.mapping[state.key]!;
    states.set(state.key, {
      fromState: state.key,
      toState,
      isExplicit: input.mapping[state.key] !== undefined,
      documents: 0,
      moving: 0,
      stuck: 0,
      stuckExamples: [],
      running: 0,
      jobs: { keep: 0, requeue: 0, cancel: 0 },
      jobNote: jobNote(state.action, findState(plan.to.definition, toState)?.action, state.key === toState),
    });
  }
  let afterId: string | null = null;
  for (;;) {
    const docs = await readSelectedDocuments(db, plan.conditions, { afterId, limit: CHUNK, withMetadata: true });
    for (const doc of docs) {
      const entry = states.get(doc.state);
      if (!entry) continue; // a state the definition lacks cannot be stored; nothing to count
      entry.documents += 1;
      const decision = decideMigration(plan, doc);
      if (!decision.ok) {
        if (decision.code === "JOB_RUNNING") entry.running += 1;
        continue;
      }
      entry.moving += 1;
      if (decision.jobPlan !== "none") entry.jobs[decision.jobPlan] += 1;
      if (wouldBeStuck(plan.to.definition, decision.toState, doc.metadata)) {
        entry.stuck += 1;
        if (entry.stuckExamples.length < EXAMPLES) entry.stuckExamples.push({ id: doc.id, title: doc.title });
      }
    }
    if (docs.length < CHUNK) break;
    afterId = docs[docs.length - 1]!.id;
  }
  const list = [...states.values()];
  const sum = (pick: (s: MigrationStatePreview) => number) => list.reduce((n, s) => n + pick(s), 0);
  return {
    workflow: plan.workflowKey,
    fromVersion: plan.from.version,
    toVersion: plan.to.version,
    mapping: plan.mapping,
    total: sum((s) => s.documents),
    moving: sum((s) => s.moving),
    stuck: sum((s) => s.stuck),
    running: sum((s) => s.running),
    states: list,
  };
}

/** Why the jobs of a state are re-planned, in a sentence; null when they are kept as they are. */
function jobNote(fromAction: unknown, toAction: unknown, sameKey: boolean): string | null {
  const same = JSON.stringify(fromAction ?? null) === JSON.stringify(toAction ?? null);
  if (sameKey && same) return null;
  if (!toAction) return fromAction ? "The target state has no action: pending jobs are cancelled." : null;
  if (!fromAction) return "The target state has an action: it is queued for every moved document.";
  return same
    ? "The document changes state: the action is queued again for the target state."
    : "The action changed: pending jobs are replaced by the target version's action.";
}

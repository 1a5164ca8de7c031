import { findState, planMigratedJob, type JobPlan } from "../../engine";
import type { MigrationPlan } from "./resolve-migration-plan";

/** What the migration of one document needs to know of it. */
export interface MigratingDocument {
  state: string;
  workflowVersionId: string;
  job: { status: "PENDING" | "RUNNING" | "WAITING" | "EXHAUSTED" | "CANCELLED"; state: string } | null;
}

export type MigrationDecision =
  | { ok: true; toState: string; jobPlan: JobPlan }
  | { ok: false; code: "CONFLICT" | "JOB_RUNNING" | "UNKNOWN_STATE"; message: string };

/**
 * Pure: whether the plan moves this document now, where to and what happens to its job; the
 * dry run and the runner (on a fresh read just before acting) decide with this one function,
 * and the statement re-checks version and job atomically. A document whose action is
 * running, or waiting for its callback (the called system holds a token bound to this job),
 * waits: it is refused now (JOB_RUNNING) and left whole on A for a later run.
 */
export function decideMigration(plan: MigrationPlan, doc: MigratingDocument): MigrationDecision {
  if (doc.workflowVersionId !== plan.from.id)
    return {
      ok: false,
      code: "CONFLICT",
      message: `Not on version ${plan.from.version} any more (migrated meanwhile?).`,
    };
  if (doc.job?.status === "RUNNING" || doc.job?.status === "WAITING")
    return {
      ok: false,
      code: "JOB_RUNNING",
      message:
        "Its automated action is running; it stays on its version until the action finishes. Run the plan again then.",
    };
  const toState = plan.mapping[doc.state];
  const fromDef = findState(plan.from.definition, doc.state);
  const toDef = toState ? findState(plan.to.definition, toState) : undefined;
  if (!toState || !fromDef || !toDef)
    return { ok: false, code: "UNKNOWN_STATE", message: `State "${doc.state}" is not in the plan's mapping.` };
  return { ok: true, toState, jobPlan: planMigratedJob(fromDef, toDef, doc.job !== null) };
}

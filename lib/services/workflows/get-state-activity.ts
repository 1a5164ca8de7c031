import { selectJobHealthByState, selectOldestWaits } from "../../db/sql/select-state-activity";
import { executorFor } from "../../db/sql/sql-executor";
import { parseDefinition } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";

/** How long documents have waited in one state and how its automated action is faring. */
export interface StateActivity {
  state: string;
  /** Seconds the longest-waiting document has been in the state; null when the state is empty. */
  oldestWaitSeconds: number | null;
  /** Documents whose action failed and waits for its next attempt. */
  retrying: number;
  /** Documents here whose action ran out of attempts (usually in an error state). */
  exhausted: number;
}

export interface WorkflowStateActivity {
  workflow: string;
  /** Version of the published definition the states come from; null when never published. */
  publishedVersion: number | null;
  states: StateActivity[];
}

/**
 * Per-state wait and action health of a workflow's published states, for the designer's
 * monitor mode; counts and over-SLA numbers come from the stats service. The oldest wait is
 * one index lookup per state on (workflowId, state, stateEnteredAt), so it stays cheap with
 * millions of documents; the job figures join only jobs that failed at least once.
 */
export async function getStateActivity(db: ServiceDb, input: { key: string }): Promise<WorkflowStateActivity> {
  const workflow = await db.prisma.workflow.findUnique({
    where: { key: input.key },
    select: {
      id: true,
      key: true,
      versions: {
        where: { status: "PUBLISHED" },
        orderBy: { version: "desc" },
        take: 1,
        select: { version: true, definition: true },
      },
    },
  });
  if (!workflow) throw new AppError("WORKFLOW_NOT_FOUND", `No workflow with key "${input.key}".`);
  const published = workflow.versions[0];
  const parsed = published ? parseDefinition(published.definition) : null;
  const keys = parsed?.ok ? [...new Set(parsed.definition.states.map((s) => s.key))] : [];
  if (keys.length === 0) return { workflow: workflow.key, publishedVersion: published?.version ?? null, states: [] };

  const sql = executorFor(db);
  const waits = await selectOldestWaits(sql, { workflowId: workflow.id, states: keys });
  const jobs = await selectJobHealthByState(sql, workflow.id);
  const jobsByState = new Map(jobs.map((j) => [j.state, j]));
  return {
    workflow: workflow.key,
    publishedVersion: published?.version ?? null,
    states: waits.map((w) => ({
      state: w.state,
      oldestWaitSeconds: w.waitSeconds === null ? null : Math.max(0, Math.round(w.waitSeconds)),
      retrying: jobsByState.get(w.state)?.retrying ?? 0,
      exhausted: jobsByState.get(w.state)?.exhausted ?? 0,
    })),
  };
}

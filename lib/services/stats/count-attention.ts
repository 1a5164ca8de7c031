import { countDocumentsOverSla } from "../../db/sql/count-over-sla";
import { countRetryingByState, countRetryingByWorkflow } from "../../db/sql/count-retrying";
import { executorFor } from "../../db/sql/sql-executor";
import type { WorkflowDefinition } from "../../engine";
import type { ServiceDb } from "../db-types";

/**
 * Documents over their state's SLA, per state with an SLA, for one workflow: one statement,
 * one index range count per state on (workflowId, state, stateEnteredAt).
 */
export async function countOverSla(
  db: ServiceDb,
  input: { workflowId: string; definition: WorkflowDefinition | null },
): Promise<Map<string, number>> {
  const states = (input.definition?.states ?? []).flatMap((s) =>
    s.sla && s.kind !== "terminal" ? [{ key: s.key, maxSeconds: s.sla.maxSeconds }] : [],
  );
  return countDocumentsOverSla(executorFor(db), { workflowId: input.workflowId, states });
}

/**
 * Documents waiting for another attempt of a failed action (job PENDING with attempt > 0),
 * per workflow and action state. One range of the (status, attempt, runAt) job index
 * grouped by the job's state; a state key that only one workflow's definition gives an
 * action is attributed to it directly. Only the jobs of other keys (shared by several
 * workflows, or no longer in any definition) pay a Document primary-key probe each; a join
 * would let the planner hash the whole Document table when many jobs retry.
 */
export async function countRetrying(
  db: ServiceDb,
  input: { workflowIds: string[]; definitions: Map<string, WorkflowDefinition | null> },
): Promise<Map<string, Map<string, number>>> {
  const result = new Map<string, Map<string, number>>();
  if (input.workflowIds.length === 0) return result;
  const owners = new Map<string, string[]>();
  for (const id of input.workflowIds) {
    for (const state of input.definitions.get(id)?.states ?? []) {
      if (state.action) owners.set(state.key, [...(owners.get(state.key) ?? []), id]);
    }
  }
  const add = (workflowId: string, state: string, n: number) => {
    const byState = result.get(workflowId) ?? new Map<string, number>();
    byState.set(state, (byState.get(state) ?? 0) + n);
    result.set(workflowId, byState);
  };
  const sql = executorFor(db);
  const ambiguous: string[] = [];
  for (const row of await countRetryingByState(sql)) {
    const of = owners.get(row.state);
    if (of?.length === 1) add(of[0]!, row.state, row.count);
    else ambiguous.push(row.state);
  }
  if (ambiguous.length > 0) {
    const wanted = new Set(input.workflowIds);
    for (const row of await countRetryingByWorkflow(sql, ambiguous))
      if (row.workflowId && wanted.has(row.workflowId)) add(row.workflowId, row.state, row.count);
  }
  return result;
}

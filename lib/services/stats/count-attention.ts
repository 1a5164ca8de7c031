import { countDocumentsOverSla } from "../../db/sql/count-over-sla";
import { countRetryingByWorkflow } from "../../db/sql/count-retrying";
import { executorFor } from "../../db/sql/sql-executor";
import type { WorkflowDefinition } from "../../engine";
import type { ServiceDb } from "../db-types";

/**
 * Documents over their state's SLA, per workflow and state with an SLA (latest published
 * definition; none for a workflow without one): one statement for all the workflows given,
 * one index range count per state on (workflowId, state, stateEnteredAt).
 */
export function countOverSla(
  db: ServiceDb,
  workflows: readonly { workflowId: string; definition: WorkflowDefinition | null }[],
): Promise<Map<string, Map<string, number>>> {
  const states = workflows.flatMap(({ workflowId, definition }) =>
    (definition?.states ?? []).flatMap((s) =>
      s.sla && s.kind !== "terminal" ? [{ workflowId, key: s.key, maxSeconds: s.sla.maxSeconds }] : [],
    ),
  );
  return countDocumentsOverSla(executorFor(db), states);
}

/**
 * Documents waiting for another attempt of a failed action (job PENDING with attempt > 0),
 * per workflow and state, for the given workflows: one index-only range of the retrying
 * jobs' partial (workflowId, state) index, whatever their number or the definitions.
 */
export async function countRetrying(
  db: ServiceDb,
  input: { workflowIds: string[] },
): Promise<Map<string, Map<string, number>>> {
  const wanted = new Set(input.workflowIds);
  const all = input.workflowIds.length === 0 ? new Map<string, Map<string, number>>() : await countRetryingAll(db);
  return new Map([...all].filter(([workflowId]) => wanted.has(workflowId)));
}

/** countRetrying for every workflow (archived ones included; callers keep the ones they show). */
export async function countRetryingAll(db: ServiceDb): Promise<Map<string, Map<string, number>>> {
  const result = new Map<string, Map<string, number>>();
  for (const row of await countRetryingByWorkflow(executorFor(db))) {
    if (!row.workflowId) continue;
    const byState = result.get(row.workflowId) ?? new Map<string, number>();
    byState.set(row.state, (byState.get(row.state) ?? 0) + row.count);
    result.set(row.workflowId, byState);
  }
  return result;
}

import { selectStateCounts } from "../../db/sql/select-state-counts";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";

export interface StateCount {
  workflowId: string;
  state: string;
  count: number;
}

/**
 * Per-state document counts, optionally for one workflow, from the trigger-maintained
 * DocumentStateCount shards (a few rows per state however many documents there are).
 * test/stats/state-counters.test.ts checks they equal the exact GROUP BY under load.
 */
export async function countDocumentsByState(db: ServiceDb, input: { workflowId?: string } = {}): Promise<StateCount[]> {
  // A state whose shards sum below zero would be a counter bug; show it as nothing, as before.
  return (await selectStateCounts(executorFor(db), input.workflowId)).filter((row) => row.count > 0);
}

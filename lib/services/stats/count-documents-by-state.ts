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
  const rows = await db.prisma.documentStateCount.groupBy({
    by: ["workflowId", "state"],
    where: input.workflowId ? { workflowId: input.workflowId } : undefined,
    _sum: { count: true },
    orderBy: [{ workflowId: "asc" }, { state: "asc" }],
  });
  return rows
    .map((row) => ({ workflowId: row.workflowId, state: row.state, count: row._sum.count ?? 0 }))
    .filter((row) => row.count > 0);
}

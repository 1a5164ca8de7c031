import type { ServiceDb } from "../db-types";

export interface StateCount {
  workflowId: string;
  state: string;
  count: number;
}

/**
 * Exact per-state document counts, optionally for one workflow. Served by the index
 * (workflowId, state, stateEnteredAt) as an index-only GROUP BY; issue 7 replaces this with
 * maintained counters for 1,000,000+ documents.
 */
export async function countDocumentsByState(db: ServiceDb, input: { workflowId?: string } = {}): Promise<StateCount[]> {
  const rows = await db.prisma.document.groupBy({
    by: ["workflowId", "state"],
    where: input.workflowId ? { workflowId: input.workflowId } : undefined,
    _count: { _all: true },
    orderBy: [{ workflowId: "asc" }, { state: "asc" }],
  });
  return rows.map((row) => ({ workflowId: row.workflowId, state: row.state, count: row._count._all }));
}

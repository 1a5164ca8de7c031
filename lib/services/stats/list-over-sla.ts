import { readFromReplica } from "../../db/read-replica";
import { selectOverSlaDocuments } from "../../db/sql/select-over-sla-documents";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";
import { getPublishedDefinitions } from "../workflows/get-published-definitions";
import { countOverSla } from "./count-attention";

export interface OverSlaDocument {
  id: string;
  title: string;
  stateEnteredAt: string;
  /** Seconds since the document entered the state. */
  waitedSeconds: number;
}

export interface OverSlaGroup {
  workflow: string;
  workflowName: string;
  state: string;
  stateLabel: string;
  slaSeconds: number;
  count: number;
  /** The longest-waiting documents, oldest first (at most `limit`). */
  oldest: OverSlaDocument[];
}

/**
 * Documents waiting longer than their state's SLA, one group per (workflow, state) with an
 * SLA and at least one such document, most documents first. Each group is an exact count
 * plus the `limit` oldest rows, both served by the (workflowId, state, stateEnteredAt)
 * index, so the cost does not grow with the rest of the table.
 */
export function listOverSla(db: ServiceDb, input: { limit?: number } = {}): Promise<OverSlaGroup[]> {
  return readFromReplica(db, (reads) => listOverSlaFrom(reads, input));
}

async function listOverSlaFrom(db: ServiceDb, input: { limit?: number } = {}): Promise<OverSlaGroup[]> {
  const limit = Math.min(Math.max(input.limit ?? 5, 1), 50);
  const workflows = await db.prisma.workflow.findMany({
    where: { archivedAt: null },
    select: { id: true, key: true, name: true },
  });
  const definitions = await getPublishedDefinitions(db, { workflowIds: workflows.map((w) => w.id) });
  const groups: OverSlaGroup[] = [];
  const overSla = await countOverSla(
    db,
    workflows.map((w) => ({ workflowId: w.id, definition: definitions.get(w.id)?.definition ?? null })),
  );
  for (const workflow of workflows) {
    const definition = definitions.get(workflow.id)?.definition ?? null;
    const counts = overSla.get(workflow.id) ?? new Map<string, number>();
    for (const state of definition?.states ?? []) {
      const count = counts.get(state.key) ?? 0;
      if (count === 0 || !state.sla) continue;
      const rows = await selectOverSlaDocuments(executorFor(db), {
        workflowId: workflow.id,
        state: state.key,
        maxSeconds: state.sla.maxSeconds,
        limit,
      });
      groups.push({
        workflow: workflow.key,
        workflowName: workflow.name,
        state: state.key,
        stateLabel: state.label ?? state.key,
        slaSeconds: state.sla.maxSeconds,
        count,
        oldest: rows.map((r) => ({
          id: r.id,
          title: r.title,
          stateEnteredAt: r.stateEnteredAt.toISOString(),
          waitedSeconds: Math.floor(r.waitedSeconds),
        })),
      });
    }
  }
  return groups.sort(
    (a, b) => b.count - a.count || a.workflow.localeCompare(b.workflow) || a.state.localeCompare(b.state),
  );
}

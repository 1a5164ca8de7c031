import { readFromReplica } from "../../db/read-replica";
import { parseDefinition, type WorkflowDefinition } from "../../engine";
import { countDocumentsOverSla } from "../../db/sql/count-over-sla";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { countDocumentsByState } from "./count-documents-by-state";

export interface StateStats {
  state: string;
  kind: string | null;
  count: number;
  overSla: number;
}

export interface WorkflowStats {
  workflow: string;
  total: number;
  errored: number;
  stuck: number;
  retrying: number;
  states: StateStats[];
}

/**
 * Per-state counts, documents in error states, documents over their state's SLA ("stuck")
 * and documents waiting for a retry, per workflow. State kinds and SLAs come from the
 * latest published version. Counts come from the maintained counters; over-SLA counts are
 * index range scans on (workflowId, state, stateEnteredAt) per state that has an SLA.
 */
export function getWorkflowStats(db: ServiceDb, input: { workflow?: string } = {}): Promise<WorkflowStats[]> {
  return readFromReplica(db, (reads) => getWorkflowStatsFrom(reads, input));
}

async function getWorkflowStatsFrom(db: ServiceDb, input: { workflow?: string } = {}): Promise<WorkflowStats[]> {
  const workflows = await db.prisma.workflow.findMany({
    where: { archivedAt: null, ...(input.workflow ? { key: input.workflow } : {}) },
    orderBy: { name: "asc" },
    select: {
      id: true,
      key: true,
      versions: { where: { status: "PUBLISHED" }, orderBy: { version: "desc" }, take: 1, select: { definition: true } },
    },
  });
  if (input.workflow && workflows.length === 0)
    throw new AppError("WORKFLOW_NOT_FOUND", `No workflow with key "${input.workflow}".`);
  const result: WorkflowStats[] = [];
  for (const workflow of workflows) {
    const parsed = workflow.versions[0] ? parseDefinition(workflow.versions[0].definition) : null;
    const definition: WorkflowDefinition | null = parsed?.ok ? parsed.definition : null;
    const kinds = new Map(definition?.states.map((s) => [s.key, s]) ?? []);
    const counts = await countDocumentsByState(db, { workflowId: workflow.id });
    const overSla = await countDocumentsOverSla(executorFor(db), {
      workflowId: workflow.id,
      states: (definition?.states ?? []).flatMap((s) => (s.sla ? [{ key: s.key, maxSeconds: s.sla.maxSeconds }] : [])),
    });
    const retrying = await db.prisma.job.count({
      where: { status: "PENDING", attempt: { gt: 0 }, document: { workflowId: workflow.id } },
    });
    const states: StateStats[] = counts
      .map((c) => ({
        state: c.state,
        kind: kinds.get(c.state)?.kind ?? null,
        count: c.count,
        overSla: overSla.get(c.state) ?? 0,
      }))
      .sort((a, b) => a.state.localeCompare(b.state));
    result.push({
      workflow: workflow.key,
      total: states.reduce((sum, s) => sum + s.count, 0),
      errored: states.filter((s) => s.kind === "error").reduce((sum, s) => sum + s.count, 0),
      stuck: states.reduce((sum, s) => sum + s.overSla, 0),
      retrying,
      states,
    });
  }
  return result;
}

import { readFromReplica } from "../../db/read-replica";
import type { ServiceDb } from "../db-types";
import { getPublishedDefinitions, statesForDisplay, type StateInfo } from "../workflows/get-published-definitions";
import { countOverSla, countRetrying } from "./count-attention";
import { countDocumentsByState } from "./count-documents-by-state";
import { getActivity, type WorkflowActivity } from "./get-activity";

export interface DashboardState extends StateInfo {
  count: number;
  /** Documents waiting here longer than the state's SLA (0 when it has none). */
  overSla: number;
  slaSeconds: number | null;
  /** Documents whose action in this state failed and waits for another attempt. */
  retrying: number;
}

export interface DashboardWorkflow {
  key: string;
  name: string;
  description: string;
  version: number | null;
  total: number;
  errored: number;
  overSla: number;
  retrying: number;
  states: DashboardState[];
  activity: WorkflowActivity;
}

export interface Dashboard {
  generatedAt: string;
  totals: {
    documents: number;
    active: number;
    errored: number;
    finished: number;
    overSla: number;
    retrying: number;
    transitions24h: number;
    failureRate: number | null;
  };
  workflows: DashboardWorkflow[];
}

/**
 * Everything the dashboard shows, for every workflow the actor may see (all roles see all
 * workflows): counts from the maintained state counters, over-SLA by index range per SLA
 * state, retrying from the retrying jobs' partial index, activity from the per-minute rollup. No read here
 * grows with the number of documents outside the states it reports.
 */
export function getDashboard(db: ServiceDb, input: { now?: Date } = {}): Promise<Dashboard> {
  return readFromReplica(db, (reads) => getDashboardFrom(reads, input));
}

async function getDashboardFrom(db: ServiceDb, input: { now?: Date } = {}): Promise<Dashboard> {
  const now = input.now ?? new Date();
  const workflows = await db.prisma.workflow.findMany({
    where: { archivedAt: null },
    orderBy: { name: "asc" },
    select: { id: true, key: true, name: true, description: true },
  });
  const ids = workflows.map((w) => w.id);
  // Independent reads in parallel (each on its own pooled connection); only the over-SLA
  // counts wait, for the definitions that say which states have an SLA.
  const [counts, definitions, activity, retrying] = await Promise.all([
    countDocumentsByState(db),
    getPublishedDefinitions(db, { workflowIds: ids }),
    getActivity(db, { workflowIds: ids, now }),
    countRetrying(db, { workflowIds: ids }),
  ]);
  const overSla = await countOverSla(
    db,
    workflows.map((w) => ({ workflowId: w.id, definition: definitions.get(w.id)?.definition ?? null })),
  );

  const countsByWorkflow = new Map<string, Map<string, number>>();
  for (const row of counts) {
    const byState = countsByWorkflow.get(row.workflowId) ?? new Map<string, number>();
    byState.set(row.state, row.count);
    countsByWorkflow.set(row.workflowId, byState);
  }
  const totals: Dashboard["totals"] = {
    documents: 0,
    active: 0,
    errored: 0,
    finished: 0,
    overSla: 0,
    retrying: 0,
    transitions24h: 0,
    failureRate: null,
  };
  let succeeded = 0;
  let failed = 0;
  const result = workflows.map((workflow): DashboardWorkflow => {
    const byState = countsByWorkflow.get(workflow.id) ?? new Map<string, number>();
    const published = definitions.get(workflow.id);
    const slaByState = new Map(published?.definition?.states.map((s) => [s.key, s.sla?.maxSeconds ?? null]) ?? []);
    const retryingByState = retrying.get(workflow.id) ?? new Map<string, number>();
    const states = statesForDisplay(published?.definition ?? null, byState.keys()).map((s) => ({
      ...s,
      count: byState.get(s.key) ?? 0,
      overSla: overSla.get(workflow.id)?.get(s.key) ?? 0,
      slaSeconds: slaByState.get(s.key) ?? null,
      retrying: retryingByState.get(s.key) ?? 0,
    }));
    const sum = (pick: (s: DashboardState) => number) => states.reduce((n, s) => n + pick(s), 0);
    const entry: DashboardWorkflow = {
      key: workflow.key,
      name: workflow.name,
      description: workflow.description,
      version: published?.version ?? null,
      total: sum((s) => s.count),
      errored: sum((s) => (s.kind === "error" ? s.count : 0)),
      overSla: sum((s) => s.overSla),
      retrying: sum((s) => s.retrying),
      states,
      activity: activity.get(workflow.id)!,
    };
    totals.documents += entry.total;
    totals.errored += entry.errored;
    totals.finished += sum((s) => (s.kind === "terminal" ? s.count : 0));
    totals.overSla += entry.overSla;
    totals.retrying += entry.retrying;
    totals.transitions24h += entry.activity.transitions;
    succeeded += entry.activity.actionsSucceeded;
    failed += entry.activity.actionsFailed;
    return entry;
  });
  totals.active = totals.documents - totals.errored - totals.finished;
  totals.failureRate = succeeded + failed === 0 ? null : failed / (succeeded + failed);
  return { generatedAt: now.toISOString(), totals, workflows: result };
}

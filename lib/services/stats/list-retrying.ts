import { readFromReplica } from "../../db/read-replica";
import { selectRetryingPage } from "../../db/sql/select-retrying-jobs";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";

export interface RetryingDocument {
  id: string;
  title: string;
  workflow: string;
  workflowName: string;
  state: string;
  /** The attempt that runs next (failed attempts + 1). */
  nextAttempt: number;
  maxAttempts: number;
  nextAttemptAt: string;
  lastError: string | null;
}

export interface RetryingList {
  total: number;
  /** Per workflow key, so "see all" links can filter by workflow. */
  byWorkflow: { workflow: string; workflowName: string; count: number }[];
  items: RetryingDocument[];
}

/**
 * Documents waiting for another attempt of a failed action, next attempt first: the
 * `limit` soonest (the head of the retrying jobs' partial runAt index) plus exact totals per
 * workflow, in one statement.
 * maxAttempts comes from the published definition of the document's own version.
 */
export function listRetrying(db: ServiceDb, input: { limit?: number } = {}): Promise<RetryingList> {
  return readFromReplica(db, (reads) => listRetryingFrom(reads, input));
}

async function listRetryingFrom(db: ServiceDb, input: { limit?: number } = {}): Promise<RetryingList> {
  const limit = Math.min(Math.max(input.limit ?? 10, 1), 100);
  const { items, totals } = await selectRetryingPage(executorFor(db), limit);
  totals.sort((a, b) => b.count - a.count || a.workflow.localeCompare(b.workflow));
  return {
    total: totals.reduce((n, t) => n + t.count, 0),
    byWorkflow: totals,
    items: items.map((r) => ({
      id: r.id,
      title: r.title,
      workflow: r.workflow,
      workflowName: r.workflowName,
      state: r.state,
      nextAttempt: r.attempt + 1,
      maxAttempts: maxAttemptsOf(r.definition, r.state),
      nextAttemptAt: r.runAt.toISOString(),
      lastError: r.lastError,
    })),
  };
}

/** The state's retry.maxAttempts from a stored definition, read defensively (1 = no retry policy). */
function maxAttemptsOf(definition: unknown, state: string): number {
  const states = (definition as { states?: { key?: unknown; retry?: { maxAttempts?: unknown } }[] } | null)?.states;
  const found = Array.isArray(states) ? states.find((s) => s?.key === state) : undefined;
  const max = found?.retry?.maxAttempts;
  return typeof max === "number" && Number.isInteger(max) && max > 0 ? max : 1;
}

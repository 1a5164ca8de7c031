import { Prisma } from "../../db/generated/client";
import type { Actor } from "../../auth/actor";
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
 * `limit` soonest plus exact totals, all from the (status, attempt, runAt) job index.
 * maxAttempts comes from the published definition of the document's own version.
 */
export async function listRetrying(db: ServiceDb, _actor: Actor, input: { limit?: number } = {}): Promise<RetryingList> {
  const limit = Math.min(Math.max(input.limit ?? 10, 1), 100);
  const [items, totals] = await Promise.all([
    db.prisma.$queryRaw<{ id: string; title: string; workflowId: string; workflow: string; workflowName: string; state: string; attempt: number; runAt: Date; lastError: string | null; definition: unknown }[]>(Prisma.sql`
      SELECT d."id"::text AS "id", d."title", d."workflowId"::text AS "workflowId", w."key" AS "workflow", w."name" AS "workflowName",
             j."state", j."attempt", j."runAt", j."lastError", v."definition"
        FROM (SELECT * FROM "Job" WHERE "status" = 'PENDING' AND "attempt" > 0 ORDER BY "runAt" ASC LIMIT ${limit}) j
        JOIN "Document" d ON d."id" = j."documentId"
        JOIN "Workflow" w ON w."id" = d."workflowId"
        JOIN "WorkflowVersion" v ON v."id" = d."workflowVersionId"
       ORDER BY j."runAt" ASC`),
    db.prisma.$queryRaw<{ workflow: string; workflowName: string; n: number }[]>(Prisma.sql`
      SELECT w."key" AS "workflow", w."name" AS "workflowName", r.n
        FROM (SELECT "workflowId", count(*)::int AS n FROM (
                -- A primary-key probe per retrying job (see count-attention.ts countRetrying).
                SELECT (SELECT d."workflowId" FROM "Document" d WHERE d."id" = j."documentId") AS "workflowId"
                  FROM "Job" j WHERE j."status" = 'PENDING' AND j."attempt" > 0) x
              GROUP BY 1) r
        JOIN "Workflow" w ON w."id" = r."workflowId"
       ORDER BY r.n DESC, w."key"`),
  ]);
  return {
    total: totals.reduce((n, t) => n + t.n, 0),
    byWorkflow: totals.map((t) => ({ workflow: t.workflow, workflowName: t.workflowName, count: t.n })),
    items: items.map((r) => ({
      id: r.id,
      title: r.title,
      workflow: r.workflow,
      workflowName: r.workflowName,
      state: r.state,
      nextAttempt: r.attempt + 1,
      maxAttempts: maxAttemptsOf(r.definition, r.state),
      nextAttemptAt: new Date(r.runAt).toISOString(),
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

import { Prisma } from "../../db/generated/client";
import type { WorkflowDefinition } from "../../engine";
import { UTC_NOW } from "../../db/sql/utc-now";
import type { ServiceDb } from "../db-types";

/**
 * Documents over their state's SLA, per state with an SLA, for one workflow: one statement,
 * one index range count per state on (workflowId, state, stateEnteredAt).
 */
export async function countOverSla(db: ServiceDb, input: { workflowId: string; definition: WorkflowDefinition | null }): Promise<Map<string, number>> {
  const slaStates = (input.definition?.states ?? []).filter((s) => s.sla && s.kind !== "terminal");
  if (slaStates.length === 0) return new Map();
  const values = Prisma.join(slaStates.map((s) => Prisma.sql`(${s.key}, ${s.sla!.maxSeconds}::int)`));
  const rows = await db.prisma.$queryRaw<{ state: string; n: number }[]>(Prisma.sql`
    SELECT v.state, (SELECT count(*)::int FROM "Document" d
                      WHERE d."workflowId" = ${input.workflowId}::uuid AND d."state" = v.state
                        AND d."stateEnteredAt" < ${Prisma.raw(UTC_NOW)} - make_interval(secs => v.secs)) AS n
      FROM (VALUES ${values}) AS v(state, secs)`);
  return new Map(rows.map((r) => [r.state, r.n]));
}

/**
 * Documents waiting for another attempt of a failed action (job PENDING with attempt > 0),
 * per workflow and action state: a range of the (status, attempt, runAt) index plus one
 * Document primary-key probe per retrying job.
 */
export async function countRetrying(db: ServiceDb, input: { workflowIds: string[] }): Promise<Map<string, Map<string, number>>> {
  const result = new Map<string, Map<string, number>>();
  if (input.workflowIds.length === 0) return result;
  const rows = await db.prisma.$queryRaw<{ workflowId: string; state: string; n: number }[]>(Prisma.sql`
    SELECT "workflowId", "state", count(*)::int AS n FROM (
      -- A primary-key probe per retrying job: a join would let the planner hash the whole
      -- Document table when many jobs are retrying.
      SELECT (SELECT d."workflowId"::text FROM "Document" d WHERE d."id" = j."documentId") AS "workflowId", j."state"
        FROM "Job" j WHERE j."status" = 'PENDING' AND j."attempt" > 0) r
     WHERE "workflowId" = ANY(${input.workflowIds}::text[])
     GROUP BY 1, 2`);
  for (const row of rows) {
    const byState = result.get(row.workflowId) ?? new Map<string, number>();
    byState.set(row.state, row.n);
    result.set(row.workflowId, byState);
  }
  return result;
}

import { Prisma } from "../../db/generated/client";
import type { WorkflowDefinition } from "../../engine";
import { UTC_NOW } from "../../db/sql/utc-now";
import type { ServiceDb } from "../db-types";

/**
 * Documents over their state's SLA, per state with an SLA, for one workflow: one statement,
 * one index range count per state on (workflowId, state, stateEnteredAt).
 */
export async function countOverSla(
  db: ServiceDb,
  input: { workflowId: string; definition: WorkflowDefinition | null },
): Promise<Map<string, number>> {
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
 * per workflow and action state. One range of the (status, attempt, runAt) job index
 * grouped by the job's state; a state key that only one workflow's definition gives an
 * action is attributed to it directly. Only the jobs of other keys (shared by several
 * workflows, or no longer in any definition) pay a Document primary-key probe each; a join
 * would let the planner hash the whole Document table when many jobs retry.
 */
export async function countRetrying(
  db: ServiceDb,
  input: { workflowIds: string[]; definitions: Map<string, WorkflowDefinition | null> },
): Promise<Map<string, Map<string, number>>> {
  const result = new Map<string, Map<string, number>>();
  if (input.workflowIds.length === 0) return result;
  const owners = new Map<string, string[]>();
  for (const id of input.workflowIds) {
    for (const state of input.definitions.get(id)?.states ?? []) {
      if (state.action) owners.set(state.key, [...(owners.get(state.key) ?? []), id]);
    }
  }
  const add = (workflowId: string, state: string, n: number) => {
    const byState = result.get(workflowId) ?? new Map<string, number>();
    byState.set(state, (byState.get(state) ?? 0) + n);
    result.set(workflowId, byState);
  };
  const byState = await db.prisma.$queryRaw<{ state: string; n: number }[]>(Prisma.sql`
    SELECT "state", count(*)::int AS n FROM "Job" WHERE "status" = 'PENDING' AND "attempt" > 0 GROUP BY 1`);
  const ambiguous: string[] = [];
  for (const row of byState) {
    const of = owners.get(row.state);
    if (of?.length === 1) add(of[0]!, row.state, row.n);
    else ambiguous.push(row.state);
  }
  if (ambiguous.length > 0) {
    const rows = await db.prisma.$queryRaw<{ workflowId: string | null; state: string; n: number }[]>(Prisma.sql`
      SELECT (SELECT d."workflowId"::text FROM "Document" d WHERE d."id" = j."documentId") AS "workflowId", j."state", count(*)::int AS n
        FROM "Job" j WHERE j."status" = 'PENDING' AND j."attempt" > 0 AND j."state" = ANY(${ambiguous}::text[])
       GROUP BY 1, 2`);
    const wanted = new Set(input.workflowIds);
    for (const row of rows) if (row.workflowId && wanted.has(row.workflowId)) add(row.workflowId, row.state, row.n);
  }
  return result;
}

import { historyAppend, historyEventsJson, lastSeqBump } from "./append-history";
import type { SqlExecutor } from "./sql-executor";

// A timer whose transition the decision refused (its guard fails on the document's data):
// one statement appends a TIMER_REFUSED event and parks the timer as REFUSED, so it is
// visible on the document and never claimed again (no loop), until the document leaves the
// state. Applies only while the document is at the version decided on and this worker still
// holds the timer; otherwise nothing is written (the document changed: the next claim decides
// again). Locks the document row before the timer row, the order every statement keeps.
const STATEMENT = {
  name: "docstate_refuse_timer",
  text: `
WITH doc AS (
  UPDATE "Document" AS d SET ${lastSeqBump("$4::jsonb", "d")}
   WHERE d."id" = $1::uuid AND d."version" = $2
     AND EXISTS (SELECT 1 FROM "DocumentTimer" WHERE "documentId" = $1::uuid AND "leaseOwner" = $3 AND "status" = 'RUNNING')
  RETURNING d."id" AS "documentId", d."lastSeq", d."version" AS "documentVersion", now() AS "at",
            'SYSTEM'::"ActorType" AS "actorType", $6::text AS "actorId", $7::text AS "actorName", $4::jsonb AS "events"
), history AS (
  ${historyAppend("doc")}
), timer AS (
  UPDATE "DocumentTimer" AS t SET "status" = 'REFUSED', "leaseOwner" = NULL, "runAt" = t."dueAt", "lastError" = $5, "updatedAt" = doc."at"
    FROM doc WHERE t."documentId" = doc."documentId"
)
SELECT "documentId"::text AS "id" FROM doc`,
};

/** Records a refused timer transition; false when the document or the claim changed meanwhile. */
export async function refuseTimer(
  sql: SqlExecutor,
  input: {
    documentId: string;
    expectedVersion: number;
    owner: string;
    state: string;
    transition: string;
    code: string;
    message: string;
    actor: { id: string | null; name: string };
  },
): Promise<boolean> {
  const events = historyEventsJson([
    {
      type: "TIMER_REFUSED",
      fromState: input.state,
      transitionKey: input.transition,
      details: { code: input.code, error: input.message },
    },
  ]);
  const rows = await sql.rows(STATEMENT, [
    input.documentId,
    input.expectedVersion,
    input.owner,
    events,
    input.message,
    input.actor.id,
    input.actor.name,
  ]);
  return rows.length === 1;
}

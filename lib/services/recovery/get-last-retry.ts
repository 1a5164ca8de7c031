import { selectLatestRecovery, type RecoveryOutcome } from "../../db/sql/select-recoveries";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";
import { assertDocumentId } from "../documents/find-document";

/** A document's latest manual retry and what came of it (verified recovery). */
export interface LastRetryView {
  outcome: RecoveryOutcome;
  actionState: string;
  error: string | null;
  requestedAt: string;
  settledAt: string | null;
}

/** The latest retry of a document's action, or null when none was ever requested. */
export async function getLastRetry(db: ServiceDb, input: { documentId: string }): Promise<LastRetryView | null> {
  assertDocumentId(input.documentId);
  const row = await selectLatestRecovery(executorFor(db), input.documentId);
  return row
    ? {
        outcome: row.outcome,
        actionState: row.actionState,
        error: row.error,
        requestedAt: row.requestedAt.toISOString(),
        settledAt: row.settledAt?.toISOString() ?? null,
      }
    : null;
}

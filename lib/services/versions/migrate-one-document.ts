import { type Actor, stateTimer } from "../../engine";
import { migrateDocument } from "../../db/sql/migrate-document";
import { type MigratingDocumentRow, selectMigratingDocuments } from "../../db/sql/select-migrating-documents";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";
import { decideMigration } from "./migration-eligibility";
import type { MigrationPlan } from "./resolve-migration-plan";

export type MigrationOutcome = { ok: true } | { ok: false; code: string; message: string };

/**
 * Migrates one document by a validated plan (the bulk runner calls it per document): a
 * fresh read (or the runner's read of this document's batch just before, `read`: one round
 * trip for a few documents), the dry run's decision, then one statement
 * (lib/db/sql/migrate-document.ts) that applies only if the document is still at the
 * version read, still on the source version and its action is not running. A concurrent
 * fire in between wins and this document is reported as STALE_VERSION (nothing written):
 * exactly one of the two changes it.
 */
export async function migrateOneDocument(
  db: ServiceDb,
  actor: Actor,
  plan: MigrationPlan,
  input: { documentId: string; operationId: string | null; read?: MigratingDocumentRow | null },
): Promise<MigrationOutcome> {
  const sql = executorFor(db);
  const doc =
    input.read !== undefined
      ? input.read
      : ((await selectMigratingDocuments(sql, [input.documentId])).get(input.documentId) ?? null);
  if (!doc) return { ok: false, code: "DOCUMENT_NOT_FOUND", message: "No such document (deleted?)" };
  const decision = decideMigration(plan, doc);
  if (!decision.ok) return decision;
  const outcome = await migrateDocument(sql, {
    documentId: doc.id,
    expectedVersion: doc.version,
    fromVersionId: plan.from.id,
    toVersionId: plan.to.id,
    fromState: doc.state,
    toState: decision.toState,
    jobPlan: decision.jobPlan,
    timer: stateTimer(plan.to.definition, decision.toState),
    actor: { type: actor.type, id: actor.id, name: actor.name },
    reason: plan.reason,
    details: {
      fromVersion: plan.from.version,
      toVersion: plan.to.version,
      job: decision.jobPlan,
      ...(input.operationId ? { bulkOperationId: input.operationId } : {}),
    },
  });
  switch (outcome.kind) {
    case "migrated":
      return { ok: true };
    case "document_not_found":
      return { ok: false, code: "DOCUMENT_NOT_FOUND", message: "No such document (deleted?)" };
    case "not_applied":
      if (outcome.jobStatus === "RUNNING")
        return {
          ok: false,
          code: "JOB_RUNNING",
          message: "Its automated action started meanwhile; it stays on its version.",
        };
      return {
        ok: false,
        code: "STALE_VERSION",
        message: "The document changed while it was being migrated; nothing was written. Run the plan again for it.",
      };
  }
}

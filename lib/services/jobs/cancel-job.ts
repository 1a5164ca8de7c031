import type { Actor } from "../../auth/actor";
import { engineRole } from "../../auth/roles";
import { checkCancel, checkOperationRole } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { refusalError } from "../refusal-error";
import { documentJob } from "./document-job";
import { assertDocumentId } from "../documents/get-document";

/**
 * Cancels a document's waiting or exhausted action (operators): the worker will not run it
 * again until someone retries. Recorded as JOB_CANCELLED with its actor and reason.
 */
export async function cancelJob(
  db: ServiceDb,
  actor: Actor,
  input: { documentId: string; reason?: string },
): Promise<{ seq: number }> {
  const forbidden = checkOperationRole("cancel", engineRole(actor.role));
  if (forbidden) throw refusalError(forbidden);
  assertDocumentId(input.documentId);
  return db.prisma.$transaction(async (tx) => {
    const docs = await tx.$queryRaw<{ lastSeq: number; version: number; state: string }[]>`
      SELECT "lastSeq", "version", "state" FROM "Document" WHERE "id" = ${input.documentId}::uuid FOR UPDATE`;
    const doc = docs[0];
    if (!doc) throw new AppError("DOCUMENT_NOT_FOUND", `No document with id "${input.documentId}".`);
    const jobs = await tx.$queryRaw<{ status: string; state: string }[]>`
      SELECT "status"::text AS "status", "state" FROM "Job" WHERE "documentId" = ${input.documentId}::uuid FOR UPDATE`;
    const job = jobs[0];
    const cancel = checkCancel({ job: documentJob(job) }, engineRole(actor.role));
    if (!cancel.ok) throw refusalError(cancel);
    const now = new Date();
    await tx.job.update({
      where: { documentId: input.documentId },
      data: { status: "CANCELLED", leaseOwner: null, leaseExpiresAt: null, updatedAt: now },
    });
    const seq = doc.lastSeq + 1;
    await tx.document.update({ where: { id: input.documentId }, data: { lastSeq: seq } });
    await tx.historyEvent.create({
      data: {
        documentId: input.documentId,
        seq,
        type: "JOB_CANCELLED",
        fromState: doc.state,
        toState: doc.state,
        actorType: actor.type,
        actorId: actor.id,
        actorName: actor.name,
        reason: input.reason?.trim() || null,
        details: { previousStatus: job!.status.toLowerCase(), actionState: job!.state },
        documentVersion: doc.version,
        at: now,
      },
    });
    return { seq };
  });
}

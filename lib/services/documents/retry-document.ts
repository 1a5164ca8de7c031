import type { Actor } from "../../auth/actor";
import { hasRole } from "../../auth/roles";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { assertDocumentId } from "./get-document";

/**
 * Manual retry of a document's failed action. The worker (a later issue) runs actions; until
 * it exists there is never a failed action to retry, so this answers 409 NOTHING_TO_RETRY
 * after the same checks the real implementation will make.
 */
export async function retryDocument(db: ServiceDb, actor: Actor, input: { documentId: string }): Promise<never> {
  if (!hasRole(actor.role, "OPERATOR")) throw new AppError("FORBIDDEN", "Viewers cannot retry documents.");
  assertDocumentId(input.documentId);
  const doc = await db.prisma.document.findUnique({ where: { id: input.documentId }, select: { id: true } });
  if (!doc) throw new AppError("DOCUMENT_NOT_FOUND", `No document with id "${input.documentId}".`);
  throw new AppError("NOTHING_TO_RETRY", "This document has no failed action to retry.");
}

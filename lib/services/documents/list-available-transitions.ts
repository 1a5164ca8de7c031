import type { Actor } from "../../auth/actor";
import { engineRole } from "../../auth/roles";
import { availableTransitions, type AvailableTransition } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { loadPublishedDefinition } from "../workflows/load-published-definition";
import { assertDocumentId } from "./get-document";

/** Every transition leaving the document's state, each allowed or blocked (role, guard) for this actor. */
export async function listAvailableTransitions(
  db: ServiceDb,
  actor: Actor,
  input: { id: string },
): Promise<{ state: string; version: number; transitions: AvailableTransition[] }> {
  assertDocumentId(input.id);
  const doc = await db.prisma.document.findUnique({
    where: { id: input.id },
    select: { state: true, version: true, metadata: true, workflowVersionId: true },
  });
  if (!doc) throw new AppError("DOCUMENT_NOT_FOUND", `No document with id "${input.id}".`);
  const definition = await loadPublishedDefinition(db, doc.workflowVersionId);
  return {
    state: doc.state,
    version: doc.version,
    transitions: availableTransitions(definition, doc.state, engineRole(actor.role), doc.metadata ?? {}),
  };
}

import type { Actor } from "../../auth/actor";
import type { WorkflowDefinition } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { loadPublishedDefinition } from "../workflows/load-published-definition";
import { assertDocumentId } from "./get-document";

export interface DocumentWorkflow {
  workflow: { key: string; name: string };
  version: number;
  /** The definition of the version this document is pinned to (not the latest). */
  definition: WorkflowDefinition;
}

/** The workflow version a document is pinned to, with its parsed definition (any signed-in role). */
export async function getDocumentWorkflow(
  db: ServiceDb,
  _actor: Actor,
  input: { id: string },
): Promise<DocumentWorkflow> {
  assertDocumentId(input.id);
  const doc = await db.prisma.document.findUnique({
    where: { id: input.id },
    select: {
      workflowVersionId: true,
      workflow: { select: { key: true, name: true } },
      workflowVersion: { select: { version: true } },
    },
  });
  if (!doc) throw new AppError("DOCUMENT_NOT_FOUND", `No document with id "${input.id}".`);
  return {
    workflow: doc.workflow,
    version: doc.workflowVersion.version,
    definition: await loadPublishedDefinition(db, doc.workflowVersionId),
  };
}

import { maskDefinitionSecrets, type Actor, type WorkflowDefinition } from "../../engine";
import type { ServiceDb } from "../db-types";
import { loadPublishedDefinition } from "../workflows/load-published-definition";
import { findDocumentOrThrow } from "./find-document";

export interface DocumentWorkflow {
  workflow: { key: string; name: string };
  version: number;
  /** The definition of the version this document is pinned to (not the latest). */
  definition: WorkflowDefinition;
}

/**
 * The workflow version a document is pinned to, with its parsed definition (any signed-in
 * role; webhook URLs and headers masked unless the reader is an admin).
 */
export async function getDocumentWorkflow(
  db: ServiceDb,
  input: { id: string },
  reader: Pick<Actor, "role">,
): Promise<DocumentWorkflow> {
  const doc = await findDocumentOrThrow(db, input.id, {
    workflowVersionId: true,
    workflow: { select: { key: true, name: true } },
    workflowVersion: { select: { version: true } },
  });
  return {
    workflow: doc.workflow,
    version: doc.workflowVersion.version,
    definition: maskDefinitionSecrets(await loadPublishedDefinition(db, doc.workflowVersionId), reader.role),
  };
}

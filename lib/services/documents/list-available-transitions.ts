import { type Actor, availableTransitions, type AvailableTransition } from "../../engine";
import type { ServiceDb } from "../db-types";
import { loadPublishedDefinition } from "../workflows/load-published-definition";
import { findDocumentOrThrow } from "./find-document";

/** Every transition leaving the document's state, each allowed or blocked (role, guard) for this actor. */
export async function listAvailableTransitions(
  db: ServiceDb,
  actor: Actor,
  input: { id: string },
): Promise<{ state: string; version: number; transitions: AvailableTransition[] }> {
  const doc = await findDocumentOrThrow(db, input.id, {
    state: true,
    version: true,
    metadata: true,
    workflowVersionId: true,
  });
  const definition = await loadPublishedDefinition(db, doc.workflowVersionId);
  return {
    state: doc.state,
    version: doc.version,
    transitions: availableTransitions(definition, doc.state, actor.role, doc.metadata ?? {}),
  };
}

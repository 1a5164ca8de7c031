import { type Actor, checkMove, checkOperationRole, stateTimer } from "../../engine";
import { applyStateChange } from "../../db/sql/apply-state-change";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";
import { refusalError } from "../refusal-error";
import { loadPublishedDefinition } from "../workflows/load-published-definition";
import { staleVersion } from "./fire-transition";
import { getDocument } from "./get-document";
import type { StateChangeResult } from "./state-change-result";
import { findDocumentOrThrow } from "./find-document";

export interface MoveDocumentInput {
  documentId: string;
  toState: string;
  reason?: string;
  expectedVersion?: number;
}

/**
 * Admin intervention: moves a document to any other state of its pinned workflow version,
 * bypassing transitions, roles and guards. A reason is required; the move is recorded as a
 * FORCED_MOVE history event and in the audit log. The target state's action is enqueued.
 */
export async function moveDocument(db: ServiceDb, actor: Actor, input: MoveDocumentInput): Promise<StateChangeResult> {
  const forbidden = checkOperationRole("move", actor.role);
  if (forbidden) throw refusalError(forbidden);
  const doc = await findDocumentOrThrow(db, input.documentId, {
    id: true,
    state: true,
    version: true,
    workflowVersionId: true,
  });
  const definition = await loadPublishedDefinition(db, doc.workflowVersionId);
  const move = checkMove(definition, doc, actor.role, input);
  if (!move.ok) throw refusalError(move);
  const { target, reason } = move;
  if (input.expectedVersion !== undefined && input.expectedVersion !== doc.version)
    throw staleVersion(input.expectedVersion, doc.version);
  const applied = await applyStateChange(executorFor(db), {
    documentId: doc.id,
    expectedVersion: doc.version,
    toState: target.key,
    type: "FORCED_MOVE",
    fromState: doc.state,
    transitionKey: null,
    actor,
    reason,
    details: null,
    idempotencyKey: null,
    hasAction: Boolean(target.action),
    timer: stateTimer(definition, target.key),
    auditAction: "document.move",
  });
  if (!applied) throw staleVersion(input.expectedVersion ?? doc.version, doc.version + 1);
  return {
    event: {
      seq: applied.seq,
      type: "FORCED_MOVE",
      from: doc.state,
      to: target.key,
      transition: null,
      at: applied.stateEnteredAt.toISOString(),
    },
    document: await getDocument(db, { id: doc.id }),
    replayed: false,
  };
}

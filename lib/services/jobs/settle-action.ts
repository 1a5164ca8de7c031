import { type Actor, type SettleOutcome, checkOperationRole, checkSettleAction, errorSignature } from "../../engine";
import { applyStateChange } from "../../db/sql/apply-state-change";
import { settleJobInPlace } from "../../db/sql/settle-job-in-place";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { getDocument } from "../documents/get-document";
import { findDocumentOrThrow } from "../documents/find-document";
import { staleVersion } from "../documents/fire-transition";
import type { StateChangeResult } from "../documents/state-change-result";
import { refusalError } from "../refusal-error";
import { loadPublishedDefinition } from "../workflows/load-published-definition";
import { documentJob } from "./document-job";
import { actionOutputOrThrow } from "./action-output-or-throw";
import { outputEvent } from "./merge-action-output";

export interface SettleActionInput {
  documentId: string;
  outcome: SettleOutcome;
  reason: string;
  /** The document's version the caller saw; a different one is STALE_VERSION. */
  expectedVersion?: number;
  /** complete only: the action's output, merged into the metadata as the worker merges a webhook's answer. */
  output?: unknown;
}

/** Every action failed by hand groups together in the error groups, whatever the reason says. */
const MANUAL_FAILURE_SIGNATURE = errorSignature("manual", "failed by hand");

/**
 * An operator settles a document's automated action by hand (checkSettleAction): "complete"
 * records ACTION_SUCCEEDED and fires the state's onSuccess, "fail" records ACTION_FAILED and
 * fires onFailure, each with the operator as actor and their reason, in one statement. The
 * job goes as the worker's outcome would take it: removed, queued for the next state's
 * action, or kept EXHAUSTED after a failure (for a later retry). Without the transition the
 * document stays and only the job is settled. A completion may carry the action's output,
 * merged into the metadata (before the onSuccess guard decides) and written in the same
 * statement, recorded as METADATA_UPDATED by the action.
 */
export async function settleAction(db: ServiceDb, actor: Actor, input: SettleActionInput): Promise<StateChangeResult> {
  const forbidden = checkOperationRole("settle", actor.role);
  if (forbidden) throw refusalError(forbidden);
  const doc = await findDocumentOrThrow(db, input.documentId, {
    id: true,
    state: true,
    version: true,
    metadata: true,
    workflowVersionId: true,
    job: { select: { state: true, status: true, attempt: true } },
  });
  if (input.expectedVersion !== undefined && input.expectedVersion !== doc.version) {
    throw staleVersion(input.expectedVersion, doc.version);
  }
  const definition = await loadPublishedDefinition(db, doc.workflowVersionId);
  const job = documentJob(doc.job);
  // Refusals about the job come before any about the output; the guard decides after it.
  const first = checkSettleAction(definition, { state: doc.state, metadata: doc.metadata, job }, actor.role, input);
  if (!first.ok && first.code !== "GUARD_FAILED") throw refusalError(first);
  const output =
    input.output === undefined
      ? null
      : actionOutputOrThrow(definition, doc.state, input.outcome, doc.metadata, input.output);
  const metadata = output ? output.metadata : doc.metadata;
  const settle = checkSettleAction(definition, { state: doc.state, metadata, job }, actor.role, input);
  if (!settle.ok) throw refusalError(settle);
  const outputEvents = output ? [outputEvent(doc.state, output.written, { manual: true })] : [];
  const metadataWrite = output ? { value: output.metadata, expectedVersion: doc.version } : undefined;
  const attempt = doc.job!.attempt;
  const isComplete = input.outcome === "complete";
  const details = { manual: true, attempt, ...(isComplete ? {} : { error: `Failed by hand: ${settle.reason}` }) };
  const changed = () => new AppError("CONFLICT", "The action or the document changed meanwhile; reload and try again.");

  if (settle.to === null) {
    const settled = await settleJobInPlace(executorFor(db), {
      documentId: doc.id,
      state: doc.state,
      outcome: input.outcome,
      lastError: isComplete ? null : details.error!,
      errorSignature: isComplete ? null : MANUAL_FAILURE_SIGNATURE,
      actor,
      reason: settle.reason,
      details,
      metadata: metadataWrite,
      followingEvents: outputEvents,
    });
    if (!settled) throw changed();
    return {
      event: {
        seq: settled.seq,
        type: isComplete ? "ACTION_SUCCEEDED" : "ACTION_FAILED",
        from: null,
        to: null,
        transition: null,
        at: settled.at.toISOString(),
      },
      document: await getDocument(db, { id: doc.id }),
      replayed: false,
    };
  }

  const applied = await applyStateChange(executorFor(db), {
    documentId: doc.id,
    expectedVersion: doc.version,
    toState: settle.to,
    type: "TRANSITION",
    fromState: doc.state,
    transitionKey: settle.transition,
    actor,
    reason: settle.reason,
    details: null,
    idempotencyKey: null,
    hasAction: settle.hasAction,
    timer: settle.timer,
    settleJob: true,
    precedingEvents: [
      { type: isComplete ? "ACTION_SUCCEEDED" : "ACTION_FAILED", details, reason: settle.reason },
      ...outputEvents,
    ],
    ...(output ? { metadata: output.metadata } : {}),
    // A failure keeps the job EXHAUSTED, as the worker's last failed attempt would.
    ...(isComplete
      ? {}
      : { exhaustJob: { attempt, lastError: details.error!, errorSignature: MANUAL_FAILURE_SIGNATURE } }),
  });
  if (!applied) throw changed();
  return {
    event: {
      seq: applied.seq,
      type: "TRANSITION",
      from: doc.state,
      to: settle.to,
      transition: settle.transition,
      at: applied.stateEnteredAt.toISOString(),
    },
    document: await getDocument(db, { id: doc.id }),
    replayed: false,
  };
}

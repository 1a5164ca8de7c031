import { timingSafeEqual } from "node:crypto";
import { type Actor, type SettleOutcome, checkFire, errorSignature, findState, stateTimer } from "../../engine";
import { applyStateChange, type PrecedingEvent } from "../../db/sql/apply-state-change";
import { settleJobInPlace } from "../../db/sql/settle-job-in-place";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { getDocument } from "../documents/get-document";
import { findDocumentOrThrow } from "../documents/find-document";
import type { StateChangeResult } from "../documents/state-change-result";
import { refusalError } from "../refusal-error";
import { loadPublishedDefinition } from "../workflows/load-published-definition";
import { actionOutputOrThrow } from "./action-output-or-throw";
import { hashCallbackToken } from "./callback-token";
import { outputEvent } from "./merge-action-output";

export interface CompleteCallbackInput {
  documentId: string;
  outcome: SettleOutcome;
  callbackToken: string;
  /** complete: the action's output. */
  output?: unknown;
  /** fail: what went wrong, as the called system says it. */
  reason?: string;
}

const CALLBACK_FAILURE_SIGNATURE = errorSignature("callback", "failed by the called system");

/** 409: the document awaits no completion call (already settled, timed out, moved on, or not a callback action). */
function notAwaited(detail: string): AppError {
  return new AppError("CALLBACK_NOT_AWAITED", `This document is not waiting for a callback: ${detail}`);
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * A called system completes (onSuccess, with the action's output) or fails (onFailure) the
 * callback action its webhook accepted, proving itself with the attempt's single-use token.
 * The write happens only while the job still awaits that token (one statement re-checks it on
 * the locked rows), so a repeated, late or concurrent second call finds nothing to settle:
 * CALLBACK_NOT_AWAITED (409), never a second transition. A token that is not the awaited one
 * is CALLBACK_TOKEN_INVALID (403). Output that does not fit the action is OUTPUT_INVALID and a
 * refused onSuccess is its refusal: in both cases nothing is written and the job keeps waiting.
 */
export async function completeCallback(
  db: ServiceDb,
  caller: Actor,
  input: CompleteCallbackInput,
): Promise<StateChangeResult> {
  const doc = await findDocumentOrThrow(db, input.documentId, {
    id: true,
    state: true,
    version: true,
    metadata: true,
    workflowVersionId: true,
    job: { select: { state: true, status: true, attempt: true, callbackTokenHash: true, runAt: true } },
  });
  const job = doc.job;
  if (!job || job.state !== doc.state || !job.callbackTokenHash || !["RUNNING", "WAITING"].includes(job.status)) {
    throw notAwaited("it was already completed or failed, its wait timed out, or the document moved on.");
  }
  if (job.status === "WAITING" && job.runAt.getTime() <= Date.now()) {
    throw notAwaited("its wait timed out; the action is retried or failed under its retry policy.");
  }
  const tokenHash = hashCallbackToken(input.callbackToken);
  if (!sameHash(tokenHash, job.callbackTokenHash)) {
    throw new AppError("CALLBACK_TOKEN_INVALID", "This callback token is not the one the document is waiting for.");
  }
  const definition = await loadPublishedDefinition(db, doc.workflowVersionId);
  const isComplete = input.outcome === "complete";
  const output =
    input.output === undefined
      ? null
      : actionOutputOrThrow(definition, doc.state, input.outcome, doc.metadata, input.output);
  const metadata = output ? output.metadata : doc.metadata;
  const attempt = job.attempt + 1;
  const reason = input.reason?.trim() || null;
  const error = `Failed by the called system${reason ? `: ${reason}` : ""}`;
  const settled: PrecedingEvent = {
    type: isComplete ? "ACTION_SUCCEEDED" : "ACTION_FAILED",
    details: { attempt, callback: true, ...(isComplete ? {} : { error }) },
    reason,
  };
  const outputEvents = output
    ? [{ ...outputEvent(doc.state, output.written, { callback: true }), actorName: `action:${doc.state}` }]
    : [];
  const transition =
    (isComplete ? findState(definition, doc.state)?.onSuccess : findState(definition, doc.state)?.onFailure) ?? null;
  const sql = executorFor(db);

  if (transition === null) {
    const row = await settleJobInPlace(sql, {
      documentId: doc.id,
      state: doc.state,
      outcome: input.outcome,
      lastError: isComplete ? null : error,
      errorSignature: isComplete ? null : CALLBACK_FAILURE_SIGNATURE,
      actor: caller,
      reason,
      details: settled.details,
      callbackTokenHash: tokenHash,
      metadata: output ? { value: output.metadata, expectedVersion: doc.version } : undefined,
      followingEvents: outputEvents,
    });
    if (!row) throw notAwaited("it was settled by another call a moment ago.");
    return {
      event: { seq: row.seq, type: settled.type, from: null, to: null, transition: null, at: row.at.toISOString() },
      document: await getDocument(db, { id: doc.id }),
      replayed: false,
    };
  }

  // As the worker fires it: with the system's rights; the transition's guard still applies.
  const fire = checkFire(definition, { state: doc.state, metadata }, "admin", { transition });
  if (!fire.ok) throw refusalError(fire);
  const applied = await applyStateChange(sql, {
    documentId: doc.id,
    expectedVersion: doc.version,
    toState: fire.to,
    type: "TRANSITION",
    fromState: doc.state,
    transitionKey: transition,
    actor: caller,
    reason,
    details: null,
    idempotencyKey: null,
    hasAction: fire.hasAction,
    timer: stateTimer(definition, fire.to),
    callbackTokenHash: tokenHash,
    precedingEvents: [settled, ...outputEvents],
    ...(output ? { metadata: output.metadata } : {}),
    ...(isComplete ? {} : { exhaustJob: { attempt, lastError: error, errorSignature: CALLBACK_FAILURE_SIGNATURE } }),
  });
  if (!applied) throw notAwaited("it was settled by another call a moment ago, or the document changed.");
  return {
    event: {
      seq: applied.seq,
      type: "TRANSITION",
      from: doc.state,
      to: fire.to,
      transition,
      at: applied.stateEnteredAt.toISOString(),
    },
    document: await getDocument(db, { id: doc.id }),
    replayed: false,
  };
}

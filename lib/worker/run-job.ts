import { SYSTEM_ACTOR } from "../auth/actor";
import { appendJobEvents, type JobEvent } from "../db/sql/append-job-events";
import { extendLease, type ClaimedJob } from "../db/sql/claim-jobs";
import { executorFor } from "../db/sql/sql-executor";
import { findState, retryDelayMs, shouldRetry } from "../engine";
import { isAppError } from "../errors/app-error";
import { applyTransition, type DecisionDocument, type WorkerFireOptions } from "../services/documents/apply-transition";
import { loadPublishedDefinition } from "../services/workflows/load-published-definition";
import { errorSignature, type ActionError } from "./classify-error";
import { executeAction } from "./execute-action";
import { logger } from "../observability/logger";
import { getMetrics } from "../observability/metrics";
import type { WorkerDeps } from "./worker-deps";

export type JobResult = "succeeded" | "retry_scheduled" | "exhausted" | "skipped";

/**
 * Runs one claimed job: records ACTION_STARTED, runs the action with a heartbeat on the
 * lease, then records the outcome. Success fires onSuccess and a final failure fires
 * onFailure through the document service, in the same statement as the outcome event.
 * Never throws for an action's failure; a lost lease makes every write a no-op.
 */
export async function runJob(deps: WorkerDeps, job: ClaimedJob): Promise<JobResult> {
  const { db } = deps;
  const sql = executorFor(db);
  const doc = { id: job.documentId, ...job.document };
  const at = () => new Date(deps.now());
  const definition = await loadPublishedDefinition(db, doc.workflowVersionId);
  const state = findState(definition, job.state);
  if (doc.state !== job.state || !state?.action) {
    // The document left the state (or the action vanished): the job is obsolete.
    await appendJobEvents(sql, {
      documentId: doc.id,
      owner: deps.owner,
      state: doc.state,
      events: [],
      at: at(),
      update: { kind: "complete" },
    });
    return "skipped";
  }
  const attempt = job.attempt + 1;
  const maxAttempts = state.retry?.maxAttempts ?? 1;
  const started = await appendJobEvents(sql, {
    documentId: doc.id,
    owner: deps.owner,
    state: job.state,
    at: at(),
    update: { kind: "none" },
    events: [{ type: "ACTION_STARTED", details: { attempt, maxAttempts, action: state.action.type } }],
  });
  if (!started) return "skipped";

  const leaseMs = Math.max(
    deps.leaseMs,
    state.action.type === "webhook" ? (state.action.leaseMs ?? state.action.timeoutMs * 2 + 5_000) : 0,
  );
  const heartbeat = setInterval(
    () => {
      void extendLease(sql, {
        documentId: doc.id,
        owner: deps.owner,
        leaseUntil: new Date(deps.now() + leaseMs),
      }).catch(() => undefined);
    },
    Math.max(1_000, Math.floor(leaseMs / 3)),
  );
  if (leaseMs > deps.leaseMs)
    await extendLease(sql, { documentId: doc.id, owner: deps.owner, leaseUntil: new Date(deps.now() + leaseMs) });
  let outcome;
  try {
    outcome = await executeAction(
      state.action,
      state.retry,
      {
        document: {
          id: doc.id,
          workflow: doc.workflow,
          title: doc.title,
          state: doc.state,
          version: doc.version,
          externalRef: doc.externalRef,
          metadata: doc.metadata,
        },
        state: job.state,
        attempt,
        idempotencyKey: job.idempotencyKey,
      },
      { allowedHosts: deps.allowedHosts, webhookSecret: deps.webhookSecret, now: deps.now },
    );
  } finally {
    clearInterval(heartbeat);
  }

  getMetrics().actionAttempts.inc({
    result: outcome.ok ? "succeeded" : "failed",
    kind: outcome.ok ? "none" : outcome.error.kind,
  });
  // Failures at warn (someone may need to act); successes at debug (a busy queue would flood info).
  logger[outcome.ok ? "debug" : "warn"](
    {
      event: "action.attempt",
      jobId: job.idempotencyKey,
      documentId: doc.id,
      state: job.state,
      attempt,
      ok: outcome.ok,
      ...(outcome.ok ? {} : { error: outcome.error.message, errorKind: outcome.error.kind }),
    },
    "action attempt",
  );
  if (outcome.ok) {
    const succeeded: JobEvent = { type: "ACTION_SUCCEEDED", details: { attempt, ...outcome.details } };
    if (
      state.onSuccess &&
      (await fireForWorker(deps, doc, state.onSuccess, {
        precedingEvents: [{ type: "ACTION_SUCCEEDED", details: succeeded.details }],
      }))
    ) {
      return "succeeded";
    }
    await appendJobEvents(sql, {
      documentId: doc.id,
      owner: deps.owner,
      state: job.state,
      events: [succeeded],
      at: at(),
      update: { kind: "complete" },
    });
    return "succeeded";
  }

  const error = outcome.error;
  const signature = errorSignature(state.action.type, error.message);
  const failed: JobEvent = {
    type: "ACTION_FAILED",
    details: {
      attempt,
      maxAttempts,
      error: error.message,
      errorKind: error.kind,
      retryable: error.retryable,
      ...(error.status ? { status: error.status } : {}),
      ...outcome.details,
    },
  };
  if (error.retryable && shouldRetry(state.retry, attempt)) {
    const delay = retryDelay(deps, state.retry!, attempt, error);
    const runAt = new Date(deps.now() + delay);
    await appendJobEvents(sql, {
      documentId: doc.id,
      owner: deps.owner,
      state: job.state,
      at: at(),
      events: [
        failed,
        {
          type: "RETRY_SCHEDULED",
          details: {
            attempt: attempt + 1,
            maxAttempts,
            runAt: runAt.toISOString(),
            delayMs: delay,
            ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
          },
        },
      ],
      update: { kind: "retry", attempt, runAt, lastError: error.message, errorSignature: signature },
    });
    return "retry_scheduled";
  }
  const exhaustJob = { attempt, lastError: error.message, errorSignature: signature };
  if (
    state.onFailure &&
    (await fireForWorker(deps, doc, state.onFailure, {
      precedingEvents: [{ type: "ACTION_FAILED", details: failed.details }],
      exhaustJob,
    }))
  ) {
    return "exhausted";
  }
  await appendJobEvents(sql, {
    documentId: doc.id,
    owner: deps.owner,
    state: job.state,
    events: [failed],
    at: at(),
    update: { kind: "exhaust", ...exhaustJob },
  });
  return "exhausted";
}

/** Policy delay, stretched to honour a server's Retry-After (never beyond the policy's cap). */
function retryDelay(
  deps: WorkerDeps,
  policy: NonNullable<Parameters<typeof retryDelayMs>[0]>,
  attempt: number,
  error: ActionError,
): number {
  const planned = retryDelayMs(policy, attempt, deps.random);
  if (error.retryAfterMs === undefined) return planned;
  const cap = policy.maxDelayMs ?? Number.MAX_SAFE_INTEGER;
  return Math.max(planned, Math.min(error.retryAfterMs, cap));
}

/**
 * Fires onSuccess/onFailure through the same decision path as every transition, on the
 * document as claimed, with the outcome event and the lease check in the same statement.
 * True when done (or when the lease was lost: then nothing may be written); false when the
 * transition was refused, which the caller records instead.
 */
async function fireForWorker(
  deps: WorkerDeps,
  doc: DecisionDocument,
  transition: string,
  options: Omit<WorkerFireOptions, "jobLeaseOwner">,
): Promise<boolean> {
  try {
    await applyTransition(deps.db, SYSTEM_ACTOR, doc, { transition }, { ...options, jobLeaseOwner: deps.owner });
    return true;
  } catch (error) {
    deps.log("worker.transition_refused", {
      documentId: doc.id,
      transition,
      error: isAppError(error) ? error.message : String(error),
    });
    return false;
  }
}

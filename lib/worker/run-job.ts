import { SYSTEM_ACTOR, errorSignature, findState, planJobOutcome } from "../engine";
import { appendJobEvents, type JobUpdate } from "../db/sql/append-job-events";
import { extendLease, type ClaimedJob } from "../db/sql/claim-jobs";
import { executorFor } from "../db/sql/sql-executor";
import { isAppError } from "../errors/app-error";
import { applyTransition, type DecisionDocument, type WorkerFireOptions } from "../services/documents/apply-transition";
import { loadPublishedDefinition } from "../services/workflows/load-published-definition";
import { resolveSigningSecrets } from "../services/webhooks/signing-secrets";
import { executeAction } from "./execute-action";
import { logger } from "../observability/logger";
import { getMetrics } from "../observability/metrics";
import type { WorkerDeps } from "./worker-deps";

export type JobResult = "succeeded" | "retry_scheduled" | "exhausted" | "skipped";

/**
 * Runs one claimed job: records ACTION_STARTED, runs the action with a heartbeat on the
 * lease, then records the outcome the engine plans (planJobOutcome: retry, exhaust or
 * succeed). Success fires onSuccess and a final failure fires onFailure through the
 * document service, in the same statement as the outcome event.
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
  const signingSecrets =
    state.action.type === "webhook"
      ? await resolveSigningSecrets(db, {
          workflowKey: doc.workflow,
          configuredSecret: deps.webhookSecret,
          now: new Date(deps.now()),
        })
      : [];
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
      { allowedHosts: deps.allowedHosts, webhookSecret: deps.webhookSecret, signingSecrets, now: deps.now },
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
  // Failures carry their signature so the same failure groups across documents.
  const signed = outcome.ok
    ? outcome
    : { ...outcome, error: { ...outcome.error, signature: errorSignature(state.action.type, outcome.error.message) } };
  const plan = planJobOutcome(state, attempt, signed, deps.now(), deps.random);
  const record = (update: JobUpdate) =>
    appendJobEvents(sql, {
      documentId: doc.id,
      owner: deps.owner,
      state: job.state,
      events: plan.events,
      at: at(),
      update,
    });
  switch (plan.kind) {
    case "succeeded": {
      const fired = plan.fire !== null && (await fireForWorker(deps, doc, plan.fire, { precedingEvents: plan.events }));
      if (!fired) await record({ kind: "complete" });
      return "succeeded";
    }
    case "retry":
      await record({ kind: "retry", ...plan.job });
      return "retry_scheduled";
    case "exhausted": {
      const options = { precedingEvents: plan.events, exhaustJob: plan.job };
      const fired = plan.fire !== null && (await fireForWorker(deps, doc, plan.fire, options));
      if (!fired) await record({ kind: "exhaust", ...plan.job });
      return "exhausted";
    }
  }
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

import {
  SYSTEM_ACTOR,
  errorSignature,
  findState,
  flagRefusedTransition,
  planJobOutcome,
  type PlannedJobEvent,
  type RefusedTransition,
} from "../engine";
import { appendJobEvents, type JobUpdate } from "../db/sql/append-job-events";
import { extendLease, type ClaimedJob } from "../db/sql/claim-jobs";
import { executorFor } from "../db/sql/sql-executor";
import {
  applyTransitionOrRefusal,
  type DecisionDocument,
  type WorkerFireOptions,
} from "../services/documents/apply-transition";
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
 * document service, in the same statement as the outcome event; a refused transition leaves
 * the job EXHAUSTED and flagged (flagRefusedTransition).
 * Never throws for an action's failure; a lost lease makes every write a no-op. A database
 * error is thrown: the job keeps its lease, which lapses, and the job runs again.
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
  const record = (events: PlannedJobEvent[], update: JobUpdate) =>
    appendJobEvents(sql, { documentId: doc.id, owner: deps.owner, state: job.state, events, at: at(), update });
  switch (plan.kind) {
    case "succeeded": {
      if (plan.fire === null) {
        await record(plan.events, { kind: "complete" });
        return "succeeded";
      }
      const refused = await fireForWorker(deps, doc, plan.fire, { precedingEvents: plan.events });
      if (!refused) return "succeeded";
      const flagged = flagRefusedTransition(plan, attempt, refused);
      await record(flagged.events, { kind: "exhaust", ...flagged.job });
      return "exhausted";
    }
    case "retry":
      await record(plan.events, { kind: "retry", ...plan.job });
      return "retry_scheduled";
    case "exhausted": {
      const options = { precedingEvents: plan.events, exhaustJob: plan.job };
      const refused = plan.fire === null ? null : await fireForWorker(deps, doc, plan.fire, options);
      if (plan.fire !== null && !refused) return "exhausted";
      const flagged = refused ? flagRefusedTransition(plan, attempt, refused) : plan;
      await record(flagged.events, { kind: "exhaust", ...flagged.job });
      return "exhausted";
    }
  }
}

/**
 * Fires onSuccess/onFailure through the same decision path as every transition, on the
 * document as claimed, with the outcome event and the lease check in the same statement.
 * Null when done (or when the lease or version was lost: then another worker or a person
 * owns the document and nothing may be written); the refusal when the decision refused it,
 * which the caller records on the job. Any other error (the database unreachable, a dropped
 * connection) is thrown: the job stays claimed, its lease lapses and it runs again, so a
 * fault can never leave the document in the action's state without a job.
 */
async function fireForWorker(
  deps: WorkerDeps,
  doc: DecisionDocument,
  transition: string,
  options: Omit<WorkerFireOptions, "jobLeaseOwner">,
): Promise<RefusedTransition | null> {
  const result = await applyTransitionOrRefusal(
    deps.db,
    SYSTEM_ACTOR,
    doc,
    { transition },
    { ...options, jobLeaseOwner: deps.owner },
  );
  if (result.ok) return null;
  deps.log("worker.transition_refused", { documentId: doc.id, transition, code: result.code, error: result.message });
  return { transition, code: result.code, message: result.message };
}

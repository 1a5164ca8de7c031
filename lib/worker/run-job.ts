import {
  DEFINITION_LIMITS,
  SYSTEM_ACTOR,
  errorSignature,
  findState,
  flagRefusedTransition,
  planJobOutcome,
  type RefusedTransition,
  type StateDef,
} from "../engine";
import { appendJobEvents, type JobEvent, type JobUpdate } from "../db/sql/append-job-events";
import { extendLease, type ClaimedJob } from "../db/sql/claim-jobs";
import { executorFor } from "../db/sql/sql-executor";
import {
  applyTransitionOrRefusal,
  type DecisionDocument,
  type WorkerFireOptions,
} from "../services/documents/apply-transition";
import { loadPublishedDefinition } from "../services/workflows/load-published-definition";
import { resolveSigningSecrets } from "../services/webhooks/signing-secrets";
import { executeAction, type ActionOutcome } from "./execute-action";
import { hashCallbackToken, newCallbackToken } from "../services/jobs/callback-token";
import { outputEvent } from "../services/jobs/merge-action-output";
import { logger } from "../observability/logger";
import { getMetrics } from "../observability/metrics";
import type { WorkerDeps } from "./worker-deps";

type StateWithAction = StateDef & { action: NonNullable<StateDef["action"]> };

export type JobResult = "succeeded" | "retry_scheduled" | "exhausted" | "skipped" | "waiting";

/**
 * Runs one claimed job: records ACTION_STARTED, runs the action with a heartbeat on the
 * lease, then records the outcome the engine plans (planJobOutcome: retry, exhaust or
 * succeed). Success fires onSuccess and a final failure fires onFailure through the
 * document service, in the same statement as the outcome event; a refused transition leaves
 * the job EXHAUSTED and flagged (flagRefusedTransition). A webhook's output (action.output)
 * is merged into the metadata the onSuccess guard decides on and written by that same
 * statement. A callback action's accepted webhook leaves the job WAITING until its deadline;
 * claimed from WAITING, the attempt has failed (callback_timeout) without running again.
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
  const action = state.action;
  const isCallback = action.type === "webhook" && action.mode === "callback";
  // A callback's wait passed its deadline: that attempt failed (and is retried under the policy).
  const outcome =
    job.claimedFrom === "WAITING" && isCallback
      ? callbackTimedOut(action.callbackTimeoutSeconds ?? DEFINITION_LIMITS.callbackTimeoutSeconds.default)
      : await startAttempt(deps, job, state as StateWithAction, attempt);
  if (outcome === null) return "skipped";

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
    : { ...outcome, error: { ...outcome.error, signature: errorSignature(action.type, outcome.error.message) } };
  const plan = planJobOutcome(state, attempt, signed, deps.now(), deps.random);
  const record = (events: JobEvent[], update: JobUpdate) =>
    appendJobEvents(sql, { documentId: doc.id, owner: deps.owner, state: job.state, events, at: at(), update });
  if (outcome.ok && outcome.isAwaitingCallback) {
    const seconds =
      (action.type === "webhook" && action.callbackTimeoutSeconds) || DEFINITION_LIMITS.callbackTimeoutSeconds.default;
    const waitUntil = new Date(deps.now() + seconds * 1000);
    // Nothing is written when the completion call already came (the job is gone or moved on).
    const waiting: JobEvent = {
      type: "ACTION_WAITING",
      details: { attempt, ...outcome.details, waitUntil: waitUntil.toISOString() },
    };
    await record([waiting], { kind: "wait", runAt: waitUntil });
    return "waiting";
  }
  switch (plan.kind) {
    case "succeeded": {
      // The output (if any) is written by the same statement that records the success and fires onSuccess.
      const output = outcome.ok ? outcome.output : undefined;
      const events = output
        ? [...plan.events, { ...outputEvent(job.state, output.written), actorName: `action:${job.state}` }]
        : plan.events;
      if (plan.fire === null) {
        await record(events, {
          kind: "complete",
          ...(output ? { metadata: { value: output.metadata, expectedVersion: doc.version } } : {}),
        });
        return "succeeded";
      }
      // The onSuccess guard decides on the metadata with the output in it.
      const decided = output ? { ...doc, metadata: output.metadata } : doc;
      const refused = await fireForWorker(deps, decided, plan.fire, {
        precedingEvents: events,
        ...(output ? { metadata: output.metadata } : {}),
      });
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

/** The failed attempt of a callback action whose completion call did not come in time (retryable). */
function callbackTimedOut(seconds: number): ActionOutcome {
  return {
    ok: false,
    error: {
      kind: "callback_timeout",
      message: `No completion call within ${seconds} s of the callback webhook's acceptance`,
      retryable: true,
    },
    details: { action: "webhook", mode: "callback" },
  };
}

/**
 * Records ACTION_STARTED (with a callback action's token hash, before the receiver can know
 * the token, so a completion call never arrives before DocState can check it), then runs the
 * action with a heartbeat on the lease. Null when the lease was lost before the start.
 */
async function startAttempt(
  deps: WorkerDeps,
  job: ClaimedJob,
  state: StateWithAction,
  attempt: number,
): Promise<ActionOutcome | null> {
  const { db } = deps;
  const sql = executorFor(db);
  const doc = { id: job.documentId, ...job.document };
  const action = state.action;
  const maxAttempts = state.retry?.maxAttempts ?? 1;
  const at = () => new Date(deps.now());
  const callbackToken = action.type === "webhook" && action.mode === "callback" ? newCallbackToken() : undefined;
  const started = await appendJobEvents(sql, {
    documentId: doc.id,
    owner: deps.owner,
    state: job.state,
    at: at(),
    update: { kind: "none", ...(callbackToken ? { callbackTokenHash: hashCallbackToken(callbackToken) } : {}) },
    events: [{ type: "ACTION_STARTED", details: { attempt, maxAttempts, action: action.type } }],
  });
  if (!started) return null;

  const leaseMs = Math.max(
    deps.leaseMs,
    action.type === "webhook" ? (action.leaseMs ?? action.timeoutMs * 2 + 5_000) : 0,
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
    action.type === "webhook"
      ? await resolveSigningSecrets(db, {
          workflowKey: doc.workflow,
          configuredSecret: deps.webhookSecret,
          now: new Date(deps.now()),
        })
      : [];
  try {
    return await executeAction(
      action,
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
        ...(callbackToken ? { callbackToken } : {}),
      },
      {
        allowedHosts: deps.allowedHosts,
        allowedUrlPrefixes: deps.allowedUrlPrefixes,
        webhookSecret: deps.webhookSecret,
        signingSecrets,
        now: deps.now,
      },
    );
  } finally {
    clearInterval(heartbeat);
  }
}

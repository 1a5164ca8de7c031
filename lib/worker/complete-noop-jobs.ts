import { SYSTEM_ACTOR, findState, planJobOutcome } from "../engine";
import { completeDueNoopJobs, type StateChange } from "../db/sql/apply-state-change";
import type { ClaimedJob } from "../db/sql/claim-jobs";
import { releaseJobLeases } from "../db/sql/release-job-leases";
import { executorFor } from "../db/sql/sql-executor";
import {
  applyDecided,
  countTransitionOf,
  proposeTransition,
  type DecisionDocument,
} from "../services/documents/apply-transition";
import { loadPublishedDefinition } from "../services/workflows/load-published-definition";
import { logger } from "../observability/logger";
import { getMetrics } from "../observability/metrics";
import { noopCompletionPlans } from "./noop-completion-plans";
import type { JobResult } from "./run-job";
import type { WorkerDeps } from "./worker-deps";

/**
 * Completes the noop jobs of one claim together. A noop succeeds at once, so its attempt
 * (ACTION_STARTED, ACTION_SUCCEEDED) and the onSuccess transition, decided by the engine
 * like every transition (proposeTransition), go into one statement for the whole batch; each
 * document applies only while this worker holds its lease and the document is at the
 * version claimed. A crash before the statement commits leaves no trace but the lease,
 * which expires: the job runs again (at-least-once). A document changed since the claim (a
 * person won the version race) gets nothing written; if its job is still ours, it is given
 * back due at once ("skipped"), so the next claim decides on the document as it is now.
 * Returns a result for each job it took; the rest (webhooks, obsolete jobs, a refused
 * onSuccess, no onSuccess) go through runJob one by one.
 */
export async function completeNoopJobs(deps: WorkerDeps, jobs: ClaimedJob[]): Promise<Map<ClaimedJob, JobResult>> {
  const items: { job: ClaimedJob; doc: DecisionDocument; change: Omit<StateChange, "actor"> }[] = [];
  const startedAt = new Date(deps.now());
  for (const job of jobs) {
    const doc = { id: job.documentId, ...job.document };
    if (doc.state !== job.state) continue;
    const definition = await loadPublishedDefinition(deps.db, doc.workflowVersionId);
    const state = findState(definition, job.state);
    if (state?.action?.type !== "noop" || !state.onSuccess) continue;
    const attempt = job.attempt + 1;
    const maxAttempts = state.retry?.maxAttempts ?? 1;
    const plan = planJobOutcome(state, attempt, { ok: true, details: { action: "noop" } }, deps.now());
    if (plan.kind !== "succeeded" || !plan.fire) continue;
    const proposal = proposeTransition(
      definition,
      SYSTEM_ACTOR,
      doc,
      { transition: plan.fire },
      {
        jobLeaseOwner: deps.owner,
        precedingEvents: [
          { type: "ACTION_STARTED", details: { attempt, maxAttempts, action: "noop" }, at: startedAt },
          ...plan.events,
        ],
      },
    );
    // Refused: runJob runs it alone and records the refusal on the job.
    if (!proposal.ok) continue;
    const change = proposal.change;
    items.push({ job, doc, change });
  }
  const results = new Map<ClaimedJob, JobResult>();
  if (items.length === 0) return results;
  // Lost leases or versions apply nothing: another worker or a person owns the document now.
  const applied = await applyDecided(deps.db, SYSTEM_ACTOR, items);
  const lost = items.filter((_, i) => applied[i]!.applied === null).map(({ job }) => job);
  // The batch has committed: a failure to give the jobs back only leaves their leases to lapse.
  await releaseJobLeases(executorFor(deps.db), {
    documentIds: lost.map((job) => job.documentId),
    owner: deps.owner,
  }).catch((error: unknown) =>
    deps.log("worker.release_error", {
      jobs: lost.length,
      error: error instanceof Error ? error.message : String(error),
    }),
  );
  for (const job of lost) results.set(job, "skipped");
  for (const { job } of items) {
    if (results.has(job)) continue;
    countNoopAttempt({
      jobId: job.idempotencyKey,
      documentId: job.documentId,
      state: job.state,
      attempt: job.attempt + 1,
    });
    results.set(job, "succeeded");
  }
  return results;
}

/**
 * Completes due noop jobs without claiming them first: up to `limit` of the oldest due jobs
 * in noop states the engine's plans cover (noopCompletionPlans), each job's attempt and
 * onSuccess written by the statement that finds it (completeDueNoopJobs). Returns the ids of
 * the documents done. Everything else that is due (webhooks, guarded onSuccess, versions this
 * process has not loaded, documents someone holds) is left to the claim.
 */
export async function completeDueNoopJobsNow(deps: WorkerDeps, limit: number): Promise<string[]> {
  const completed = await completeDueNoopJobs(executorFor(deps.db), SYSTEM_ACTOR, {
    plans: noopCompletionPlans(),
    now: new Date(deps.now()),
    limit,
    owner: deps.owner,
  });
  for (const job of completed) {
    countTransitionOf(job.workflowVersionId, job.transitionKey, SYSTEM_ACTOR);
    countNoopAttempt({ documentId: job.documentId, state: job.fromState, attempt: job.attempt });
  }
  return completed.map((job) => job.documentId);
}

/** A noop attempt in the metrics and the debug log, as runJob records every attempt. */
function countNoopAttempt(attempt: { jobId?: string; documentId: string; state: string; attempt: number }): void {
  getMetrics().actionAttempts.inc({ result: "succeeded", kind: "none" });
  if (logger.isLevelEnabled("debug")) logger.debug({ event: "action.attempt", ...attempt, ok: true }, "action attempt");
}

import type { Db } from "../../lib/db/client";
import type { WorkflowDefinitionInput } from "../../lib/engine";
import type { WorkerDeps } from "../../lib/worker/worker-deps";

/** A worker's dependencies for calling its parts directly: no webhook reaches anything, logs are dropped. */
export function testWorkerDeps(db: Db, owner: string, now: () => number = Date.now): WorkerDeps {
  return {
    db,
    owner,
    now,
    random: Math.random,
    leaseMs: 30_000,
    allowedHosts: new Set(),
    webhookSecret: undefined,
    log: () => undefined,
  };
}

/** draft -> extract (webhook, retried) -> review, or -> extraction_failed (error) when exhausted. */
export function webhookWorkflow(
  url: string,
  retry: Record<string, unknown> = {
    maxAttempts: 3,
    strategy: "exponential",
    initialDelayMs: 1000,
    backoffRate: 2,
    jitter: "none",
  },
  timeoutMs = 2000,
  leaseMs?: number,
): WorkflowDefinitionInput {
  return {
    states: [
      { key: "draft", kind: "initial" },
      {
        key: "extract",
        kind: "normal",
        action: { type: "webhook", url, timeoutMs, ...(leaseMs ? { leaseMs } : {}) },
        retry: retry as never,
        onSuccess: "extracted",
        onFailure: "fail_extract",
      },
      { key: "review", kind: "normal" },
      { key: "extraction_failed", kind: "error" },
      { key: "done", kind: "terminal" },
    ],
    transitions: [
      { key: "submit", from: ["draft"], to: "extract" },
      { key: "extracted", from: ["extract"], to: "review", roles: ["admin"] },
      { key: "fail_extract", from: ["extract"], to: "extraction_failed", roles: ["admin"] },
      { key: "retry_extract", from: ["extraction_failed"], to: "extract" },
      { key: "finish", from: ["review", "extraction_failed"], to: "done" },
    ],
  };
}

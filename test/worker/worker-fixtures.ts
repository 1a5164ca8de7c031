import type { WorkflowDefinitionInput } from "../../lib/engine";

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

export const NOOP_START_STATE = "inbox";
export const NOOP_END_STATE = "sorted";

/**
 * A workflow whose initial state runs a noop action: created documents are jobs at once,
 * and success leads to the terminal state. Shared by the worker tests and `npm run bench`.
 */
export const NOOP_WORKFLOW: WorkflowDefinitionInput = {
  states: [
    { key: NOOP_START_STATE, kind: "initial", action: { type: "noop" }, onSuccess: "processed", onFailure: "broke" },
    { key: NOOP_END_STATE, kind: "terminal" },
    { key: "broken", kind: "error" },
  ],
  transitions: [
    { key: "processed", from: [NOOP_START_STATE], to: NOOP_END_STATE, roles: ["admin"] },
    { key: "broke", from: [NOOP_START_STATE], to: "broken", roles: ["admin"] },
    { key: "fix", from: ["broken"], to: NOOP_END_STATE },
  ],
};

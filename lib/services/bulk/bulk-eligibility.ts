import { engineRole, type Role } from "../../auth/roles";
import { findState, resolveTransition, type WorkflowDefinition } from "../../engine";
import type { ErrorCode } from "../../errors/app-error";

export const BULK_ACTIONS = ["fire", "move", "retry", "cancel"] as const;
export type BulkActionName = (typeof BULK_ACTIONS)[number];

export interface BulkParams {
  transition?: string;
  toState?: string;
  reason?: string;
  resetAttempts?: boolean;
}

/** What a bulk action needs to know of one document to predict its outcome. */
export interface EligibilityDocument {
  state: string;
  metadata: unknown;
  job: { status: "PENDING" | "RUNNING" | "EXHAUSTED" | "CANCELLED"; state: string } | null;
}

export type Eligibility = { ok: true } | { ok: false; code: ErrorCode | "ALREADY_IN_STATE"; message: string };

const ENGINE_CODES = { ROLE: "FORBIDDEN", GUARD: "GUARD_FAILED" } as const;

/**
 * Pure: whether `action` would succeed on this document for `role`, and if not, why, in
 * the words and codes the services use. The dry run calls it for every document of the set,
 * and the runner calls it again on a fresh read just before acting, so a preview and the
 * execution refuse for the same reasons (the service still re-checks atomically).
 */
export function checkBulkEligibility(
  action: BulkActionName,
  params: BulkParams,
  doc: EligibilityDocument,
  definition: WorkflowDefinition,
  role: Role,
): Eligibility {
  switch (action) {
    case "fire": {
      const resolved = resolveTransition(
        definition,
        doc.state,
        params.transition ?? "",
        engineRole(role),
        doc.metadata ?? {},
      );
      if (!resolved.ok) {
        const code =
          resolved.reason === "ROLE" || resolved.reason === "GUARD"
            ? ENGINE_CODES[resolved.reason]
            : "TRANSITION_NOT_ALLOWED";
        return { ok: false, code, message: resolved.message };
      }
      if (resolved.transition.requireReason && !params.reason?.trim()) {
        return {
          ok: false,
          code: "REASON_REQUIRED",
          message: `Transition "${resolved.transition.key}" requires a reason`,
        };
      }
      return { ok: true };
    }
    case "move": {
      const target = findState(definition, params.toState ?? "");
      if (!target)
        return {
          ok: false,
          code: "UNKNOWN_STATE",
          message: `State "${params.toState}" does not exist in this document's workflow version`,
        };
      if (doc.state === target.key)
        return { ok: false, code: "ALREADY_IN_STATE", message: `Already in state "${target.key}"` };
      return { ok: true };
    }
    case "retry": {
      if (!doc.job || doc.job.status === "CANCELLED")
        return { ok: false, code: "NOTHING_TO_RETRY", message: "No failed or waiting action to retry" };
      if (doc.job.status === "RUNNING")
        return { ok: false, code: "CONFLICT", message: "The action is running right now" };
      if (doc.job.state !== doc.state && !findState(definition, doc.job.state)?.action) {
        return {
          ok: false,
          code: "NOTHING_TO_RETRY",
          message: `State "${doc.job.state}" no longer has an action to retry`,
        };
      }
      return { ok: true };
    }
    case "cancel": {
      if (doc.job?.status === "RUNNING")
        return {
          ok: false,
          code: "CONFLICT",
          message: "The action is running right now; it cannot be cancelled mid-flight",
        };
      if (!doc.job || !["PENDING", "EXHAUSTED"].includes(doc.job.status))
        return { ok: false, code: "NOTHING_TO_RETRY", message: "No waiting action to cancel" };
      return { ok: true };
    }
  }
}

import {
  type Role,
  checkCancel,
  checkFire,
  checkMove,
  checkRetry,
  checkSettleAction,
  type WorkflowDefinition,
  type RefusalCode,
} from "../../engine";
import type { BulkParams } from "../../contracts/bulk-request";
import { documentJob } from "../jobs/document-job";
import { type BulkActionName } from "../../contracts/bulk-actions";

/** What a bulk action needs to know of one document to predict its outcome. */
export interface EligibilityDocument {
  state: string;
  metadata: unknown;
  job: { status: "PENDING" | "RUNNING" | "EXHAUSTED" | "CANCELLED" | "WAITING"; state: string } | null;
}

export type Eligibility = { ok: true } | { ok: false; code: RefusalCode; message: string };

/**
 * Pure: whether `action` would succeed on this document for `role`, and if not, why. It
 * keeps no rules of its own: each action is the engine's precondition of the one service
 * that performs it (lib/engine/operations), so the dry run, the runner (which calls it again
 * on a fresh read just before acting) and the service refuse for the same reasons with the
 * same codes and messages (the service still re-checks atomically).
 */
export function checkBulkEligibility(
  action: BulkActionName,
  params: BulkParams,
  doc: EligibilityDocument,
  definition: WorkflowDefinition,
  role: Role,
): Eligibility {
  const check = checkOne(action, params, doc, definition, role);
  return check.ok ? { ok: true } : { ok: false, code: check.code, message: check.message };
}

function checkOne(
  action: BulkActionName,
  params: BulkParams,
  doc: EligibilityDocument,
  definition: WorkflowDefinition,
  role: Role,
) {
  const job = documentJob(doc.job);
  switch (action) {
    case "fire":
      return checkFire(definition, doc, role, { transition: params.transition ?? "", reason: params.reason });
    case "move":
      return checkMove(definition, doc, role, { toState: params.toState ?? "", reason: params.reason });
    case "retry":
      return checkRetry(definition, { state: doc.state, job }, role);
    case "cancel":
      return checkCancel({ job }, role);
    case "complete":
    case "fail":
      return checkSettleAction(definition, { state: doc.state, metadata: doc.metadata, job }, role, {
        outcome: action,
        reason: params.reason,
      });
  }
}

import type { BulkOperationView } from "@/lib/services/bulk/bulk-operation-view";

/** "Fire “approve”", "Move to “draft”", … — the operation in words. Pure. */
export function describeOperation(op: Pick<BulkOperationView, "action" | "params">): string {
  switch (op.action) {
    case "fire":
      return `Fire “${op.params.transition}”`;
    case "move":
      return `Move to “${op.params.toState}”`;
    case "retry":
      return op.params.resetAttempts ? "Retry (attempts reset)" : "Retry the failed action";
    case "cancel":
      return "Cancel the waiting action";
    case "complete":
      return "Complete the action by hand";
    case "fail":
      return "Fail the action now";
    case "migrate":
      return `Migrate ${op.params.workflow ?? ""} v${op.params.fromVersion} → v${op.params.toVersion}`;
  }
}

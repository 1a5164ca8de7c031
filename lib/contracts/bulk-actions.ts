/** What a bulk operation can do to each document: one manual operation each. */
export const BULK_ACTIONS = ["fire", "move", "retry", "cancel", "complete", "fail"] as const;
export type BulkActionName = (typeof BULK_ACTIONS)[number];

/**
 * Every kind of bulk operation: the manual actions above (POST /bulk-operations), and the
 * migration of documents to another workflow version (POST /workflows/:key/migrations).
 */
export const BULK_OPERATION_KINDS = [...BULK_ACTIONS, "migrate"] as const;
export type BulkOperationKind = (typeof BULK_OPERATION_KINDS)[number];

/**
 * Whether deciding the action for a document reads its metadata: guards do, those of a fired
 * transition and those of the onSuccess/onFailure a settled action fires.
 */
export function bulkActionReadsMetadata(action: BulkOperationKind): boolean {
  return action === "fire" || action === "complete" || action === "fail" || action === "migrate";
}

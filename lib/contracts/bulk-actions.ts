/** What a bulk operation can do to each document: one manual operation each. */
export const BULK_ACTIONS = ["fire", "move", "retry", "cancel", "complete", "fail"] as const;
export type BulkActionName = (typeof BULK_ACTIONS)[number];

/**
 * Whether deciding the action for a document reads its metadata: guards do, those of a fired
 * transition and those of the onSuccess/onFailure a settled action fires.
 */
export function bulkActionReadsMetadata(action: BulkActionName): boolean {
  return action === "fire" || action === "complete" || action === "fail";
}

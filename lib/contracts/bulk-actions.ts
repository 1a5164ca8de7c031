/** What a bulk operation can do to each document: one manual operation each. */
export const BULK_ACTIONS = ["fire", "move", "retry", "cancel"] as const;
export type BulkActionName = (typeof BULK_ACTIONS)[number];

import { z } from "zod";
import { MAX_REASON_LENGTH } from "./limits";
import { BULK_ACTIONS, type BulkActionName } from "./bulk-actions";
import { documentFilterSchema, type DocumentFilter } from "./document-filter";

export { BULK_ACTIONS, type BulkActionName };

/** What the action needs besides the documents (each action reads its own). */
export interface BulkParams {
  transition?: string;
  toState?: string;
  reason?: string;
  resetAttempts?: boolean;
  /**
   * retry: pause after the first chunk when more than this share of it failed again (0–1);
   * null never pauses. Default: 0.5 for an error group's retry (a filter by signature).
   */
  pauseWhenFailedAgainShare?: number | null;
  /** migrate: the plan (workflow key, source and target version numbers, the complete state mapping). */
  workflow?: string;
  fromVersion?: number;
  toVersion?: number;
  mapping?: Record<string, string>;
}

/** Which documents: listed ids, or every document a filter matches when the operation starts. */
export type BulkSelection = { documentIds: string[] } | { filter: DocumentFilter };

/**
 * A guarded bulk retry (pauseWhenFailedAgainShare) runs this many documents first and waits
 * for their outcomes before the rest (the bulk runner's chunk).
 */
export const CANARY_SIZE = 25;

/** Most documents one bulk operation may cover; a larger set must be narrowed first. */
export const MAX_BULK_DOCUMENTS = 100_000;
/** Most ids an explicit selection may list (a larger set is a filter). */
export const MAX_BULK_IDS = 10_000;

export const DEFAULT_RATE_PER_SECOND = {
  fire: 100,
  move: 100,
  retry: 20,
  cancel: 100,
  complete: 100,
  fail: 100,
} as const;

const uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { error: "must be a document id" });

/** Which documents, as a request gives them: listed ids, or a filter (never both). */
// One object with either key (not a union) so a mistake inside either gets its own message.
export const bulkSelectionSchema = z
  .strictObject(
    {
      documentIds: z
        .array(uuid)
        .min(1, { error: "Select at least one document." })
        .max(MAX_BULK_IDS, {
          error: `Select at most ${MAX_BULK_IDS.toLocaleString("en-US")} documents by id; use a filter for more.`,
        })
        .optional(),
      filter: documentFilterSchema.optional(),
    },
    { error: "Give either documentIds or a filter." },
  )
  .refine((value) => (value.documentIds === undefined) !== (value.filter === undefined), {
    error: "Give either documentIds or a filter, not both.",
  })
  .transform((value): BulkSelection =>
    value.documentIds ? { documentIds: value.documentIds } : { filter: value.filter! },
  );

/**
 * A bulk action request (API body and UI): what to do, on which documents (listed ids, or
 * every document a filter matches now), how fast, and whether only to preview it.
 */
export const bulkRequestSchema = z
  .strictObject({
    action: z.enum(BULK_ACTIONS, { error: "Choose fire, move, retry, cancel, complete or fail." }),
    transition: z.string().min(1).max(64).optional().meta({ description: "fire: the transition key." }),
    toState: z.string().min(1).max(64).optional().meta({ description: "move: the target state key." }),
    reason: z
      .string()
      .trim()
      .max(MAX_REASON_LENGTH)
      .optional()
      .meta({ description: "Recorded in every document's history; required for move, complete and fail." }),
    resetAttempts: z.boolean().optional().meta({ description: "retry: run the whole retry policy again." }),
    pauseWhenFailedAgainShare: z
      .number()
      .min(0)
      .max(1)
      .nullable()
      .optional()
      .meta({
        description:
          `retry: pause after the first chunk (${CANARY_SIZE} documents) when more than this share of its retries ` +
          "failed again; null never pauses. Default 0.5 when the selection filters by an error signature " +
          "(an error group's retry), else null.",
      }),
    selection: bulkSelectionSchema,
    ratePerSecond: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .meta({ description: "Documents per second at most (default: 20 for retry, 100 otherwise)." }),
  })
  .superRefine((value, ctx) => {
    if (value.action === "fire" && !value.transition)
      ctx.addIssue({ code: "custom", path: ["transition"], message: "Choose the transition to fire." });
    if (value.action === "move" && !value.toState)
      ctx.addIssue({ code: "custom", path: ["toState"], message: "Choose the state to move to." });
    if (value.action === "move" && !value.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why these documents are moved by hand." });
    if ((value.action === "complete" || value.action === "fail") && !value.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why these actions are settled by hand." });
  });

export type BulkRequest = z.output<typeof bulkRequestSchema>;

/** A parsed request as the bulk services take it. */
export function toBulkInput(request: BulkRequest) {
  const { action, transition, toState, reason, resetAttempts, pauseWhenFailedAgainShare, selection, ratePerSecond } =
    request;
  return {
    action,
    params: { transition, toState, reason, resetAttempts, pauseWhenFailedAgainShare },
    selection,
    ratePerSecond,
  };
}

/** Outcomes of one document in a bulk operation. */
export const BULK_ITEM_OUTCOMES = ["pending", "succeeded", "failed", "skipped"] as const;

export const bulkIdParams = z.strictObject({ id: z.string().min(1).max(100) });
export const bulkListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).optional() });
export const bulkItemsQuery = z.strictObject({
  status: z.enum(BULK_ITEM_OUTCOMES).optional(),
  after: z.coerce.number().int().min(0).optional().meta({ description: "nextAfterSeq of the previous page." }),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

import { z } from "zod";
import { workflowDefinitionSchema } from "../engine";

/*
 * Request shapes of the workflow endpoints and actions (API v1 routes and the designer's
 * server actions parse with the same schemas).
 */

/** Workflow keys appear in URLs and API calls: lowercase, digits and dashes. */
export const workflowKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,62}$/, "must be 2–63 characters: a lowercase letter, then lowercase letters, digits or -");

export const workflowKeyParams = z.strictObject({ key: z.string().min(1).max(63) });

/** GET /api/v1/workflows/:key/types.ts: which published version to type (the latest when omitted). */
export const workflowTypesQuery = z.strictObject({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .meta({ description: "Published version; the latest when omitted." }),
});

export const createWorkflowBody = z.strictObject({
  key: workflowKeySchema,
  name: z.string().trim().min(1, "is required").max(200, "must be at most 200 characters"),
  description: z.string().max(2000).optional(),
  definition: workflowDefinitionSchema
    .optional()
    .meta({ description: "Initial draft; blank two-state workflow when omitted." }),
});

export const saveDraftBody = z.strictObject({
  definition: workflowDefinitionSchema,
  expectedRevision: z.number().int().min(0).optional().meta({
    description: "Draft revision the edit is based on (0: no draft existed); 409 when the draft changed since.",
  }),
});

export const publishBody = z.strictObject({ expectedRevision: z.number().int().min(0).optional() });

export const statsQuery = z.strictObject({ workflow: z.string().max(63).optional() });

/** Grace period of a signing-secret rotation: how long the old secret keeps signing too (≤ 7 days). */
export const rotateSigningSecretBody = z.strictObject({
  graceSeconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600)
    .default(24 * 3600),
});

/** Bounds of a what-if replay: the window in days, and the most recently active documents read. */
export const REPLAY_BOUNDS = { defaultDays: 7, maxDays: 90, maxDocuments: 50_000 } as const;

/** POST /api/v1/workflows/:key/draft/replay: the window and the cap (both optional). */
export const replayDraftBody = z.strictObject({
  days: z
    .number()
    .int()
    .min(1)
    .max(REPLAY_BOUNDS.maxDays)
    .default(REPLAY_BOUNDS.defaultDays)
    .meta({ description: `Days of history to replay (default ${REPLAY_BOUNDS.defaultDays}).` }),
  limit: z
    .number()
    .int()
    .min(1)
    .max(REPLAY_BOUNDS.maxDocuments)
    .default(REPLAY_BOUNDS.maxDocuments)
    .meta({ description: "Most recently active documents replayed at most; the report says when it was truncated." }),
});
export type ReplayDraftBody = z.infer<typeof replayDraftBody>;

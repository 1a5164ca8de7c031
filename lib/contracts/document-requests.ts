import { z } from "zod";
import { DOCUMENT_SORTS, documentFilterFields } from "./document-filter";
import { MAX_REASON_LENGTH } from "./limits";
import { metadataSchema } from "./metadata";

/*
 * Request shapes of the document endpoints and actions: API v1 routes parse with them,
 * the document page's server actions extend them (adding the document id and requiring the
 * version the page was loaded at), and lib/api/openapi.ts documents them.
 */

/** A reason someone gives: trimmed, at most MAX_REASON_LENGTH characters. */
export const reasonSchema = z
  .string()
  .trim()
  .max(MAX_REASON_LENGTH, { error: `Keep the reason under ${MAX_REASON_LENGTH.toLocaleString("en-US")} characters.` });

export const documentIdParams = z.strictObject({ id: z.string().min(1).max(100) });

export const createDocumentBody = z.strictObject({
  workflow: z
    .string()
    .min(1)
    .max(63)
    .meta({ description: "Workflow key; the document starts in the initial state of its latest published version." }),
  title: z.string().trim().min(1).max(500),
  metadata: metadataSchema.optional(),
  externalRef: z.string().trim().min(1).max(200).optional().meta({
    description: "Your system's id; a repeated create with the same value returns the existing document (200).",
  }),
  content: z
    .strictObject({
      contentType: z
        .string()
        .regex(/^[\w.+-]+\/[\w.+-]+(;.*)?$/, "must be a MIME type like application/pdf")
        .max(200),
      text: z.string().optional(),
      base64: z
        .string()
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, "must be base64")
        .optional(),
    })
    .refine((c) => (c.text === undefined) !== (c.base64 === undefined), {
      message: "give exactly one of text or base64",
    })
    .optional(),
});

export const listDocumentsQuery = z.strictObject({
  ...documentFilterFields,
  sort: z
    .enum(DOCUMENT_SORTS)
    .optional()
    .meta({ description: "Order of the list; default updated_desc (most recently changed first)." }),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const historyQuery = z.strictObject({ order: z.enum(["asc", "desc"]).optional() });

export const fireTransitionBody = z.strictObject({
  transition: z.string().min(1).max(64),
  expectedVersion: z
    .number()
    .int()
    .min(1)
    .optional()
    .meta({ description: "Optimistic concurrency: 409 if the document is no longer at this version." }),
  reason: reasonSchema.min(1).optional(),
  idempotencyKey: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: "A repeated key on the same document returns the first result without firing again." }),
});

export const moveDocumentBody = z.strictObject({
  toState: z.string().min(1).max(64),
  // Required, but checked by the service so a missing reason gets the precise REASON_REQUIRED.
  reason: reasonSchema.optional().meta({ description: "Why the document is moved by hand (required)." }),
  expectedVersion: z.number().int().min(1).optional(),
});

export const retryBody = z.strictObject({
  resetAttempts: z
    .boolean()
    .optional()
    .meta({ description: "Run the whole retry policy again instead of one more attempt." }),
  reason: reasonSchema.optional(),
});

export const cancelJobBody = z.strictObject({ reason: reasonSchema.optional() });

/** Replacing a document's metadata (the document page's editor). */
export const updateMetadataBody = z.strictObject({
  metadata: metadataSchema,
  // Required: metadata decides guards, so an editor working on an old copy must conflict.
  expectedVersion: z.number().int().min(1),
});

/** An operator completing or failing a document's automated action by hand. */
export const settleActionBody = z.strictObject({
  output: z.unknown().optional().meta({
    description:
      "complete only: the action's output (any JSON), checked against the action's output schema and merged into the metadata at its output path, in the same statement as onSuccess.",
  }),
  // Required, but checked by the service so a missing reason gets the precise REASON_REQUIRED.
  reason: reasonSchema.optional().meta({ description: "Why the action is settled by hand (required)." }),
  expectedVersion: z
    .number()
    .int()
    .min(1)
    .optional()
    .meta({ description: "Optimistic concurrency: 409 if the document is no longer at this version." }),
});

/**
 * What POST /documents/:id/actions/complete and /fail take: an operator's settlement
 * (settleActionBody, bearer or session required), or a called system's completion of a
 * callback action with the single-use callbackToken its webhook received (no other
 * credentials: the token is the proof), with the action's output when completing.
 */
export const actionCompletionBody = settleActionBody.extend({
  callbackToken: z.string().min(16).max(200).optional().meta({
    description:
      "The callbackToken from the callback webhook's body. With it, no Authorization header is needed; without it, an operator's credentials and a reason are.",
  }),
});

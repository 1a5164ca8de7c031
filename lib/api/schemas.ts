import { z } from "zod";
import { workflowDefinitionSchema } from "../engine";
import { documentFilterFields } from "../services/documents/document-filter";
import { DOCUMENT_SORTS } from "../services/documents/list-cursor";
import { BULK_ITEM_OUTCOMES } from "../services/bulk/get-bulk-operation";
import { workflowKeySchema } from "../services/workflows/workflow-key";

// Request and response schemas of API v1. The route handlers parse with them and
// lib/api/openapi.ts documents them, so the contract and the checks cannot drift apart.

const MAX_METADATA_BYTES = 64 * 1024;

export const metadataSchema = z
  .record(z.string().max(200), z.unknown())
  .refine((value) => JSON.stringify(value).length <= MAX_METADATA_BYTES, {
    message: `must be at most ${MAX_METADATA_BYTES / 1024} KB as JSON`,
  })
  .meta({ description: "Free-form JSON object; transition guards validate it with JSON Schema." });

const reasonSchema = z.string().trim().min(1).max(2000);

export const workflowKeyParams = z.strictObject({ key: z.string().min(1).max(63) });
export const documentIdParams = z.strictObject({ id: z.string().min(1).max(100) });

export const createWorkflowBody = z.strictObject({
  key: workflowKeySchema,
  name: z.string().trim().min(1).max(200),
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
  reason: reasonSchema.optional(),
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
  reason: z.string().max(2000).optional().meta({ description: "Why the document is moved by hand (required)." }),
  expectedVersion: z.number().int().min(1).optional(),
});

export const retryBody = z.strictObject({
  resetAttempts: z
    .boolean()
    .optional()
    .meta({ description: "Run the whole retry policy again instead of one more attempt." }),
  reason: z.string().max(2000).optional(),
});

export const cancelJobBody = z.strictObject({ reason: z.string().max(2000).optional() });

export const statsQuery = z.strictObject({ workflow: z.string().max(63).optional() });

// Response shapes (documentation only; services build them).
export const jobView = z.object({
  status: z.enum(["pending", "running", "exhausted", "cancelled"]),
  attempt: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

export const documentView = z.object({
  id: z.string(),
  workflow: z.string(),
  workflowVersion: z.number().int(),
  title: z.string(),
  state: z.string(),
  version: z.number().int(),
  stateEnteredAt: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  externalRef: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  content: z.object({ contentType: z.string(), size: z.number().int(), sha256: z.string() }).nullable(),
  job: jobView.nullable(),
});

export const historyEventView = z.object({
  seq: z.number().int(),
  type: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  transition: z.string().nullable(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  reason: z.string().nullable(),
  details: z.unknown(),
  documentVersion: z.number().int(),
  at: z.string(),
});

export const stateChangeResult = z.object({
  event: z.object({
    seq: z.number().int(),
    type: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    transition: z.string().nullable(),
    at: z.string(),
  }),
  document: documentView,
  replayed: z.boolean(),
});

export const problemDetails = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const bulkIdParams = z.strictObject({ id: z.string().min(1).max(100) });
export const bulkListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).optional() });
export const bulkItemsQuery = z.strictObject({
  status: z.enum(BULK_ITEM_OUTCOMES).optional(),
  after: z.coerce.number().int().min(0).optional().meta({ description: "nextAfterSeq of the previous page." }),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

import { z } from "zod";

// Response shapes of API v1, for lib/api/openapi.ts (documentation only: services build the
// responses). Request shapes live in lib/contracts, where routes and server actions share them.

export const jobView = z.object({
  status: z.enum(["pending", "running", "exhausted", "cancelled"]),
  attempt: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  state: z.string().meta({
    description:
      "The state whose action this is: the document's, or the one it left for an error state after the last attempt.",
  }),
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

export const historyVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int().meta({ description: "Events whose hash was recomputed and compared." }),
  lastHash: z.string().nullable().meta({
    description:
      "The stored sha-256 (hex) of the last event checked. Keep it outside DocState to anchor the chain: a rewrite that recomputes every hash still changes it.",
  }),
  firstBrokenSeq: z.number().int().optional().meta({
    description: "The first event (seq) whose stored hash or position does not follow from its predecessors.",
  }),
});

export const auditEntryView = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
  details: z.unknown(),
  clientAddress: z.string().nullable(),
});

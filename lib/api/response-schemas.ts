import { z } from "zod";
import { ALERT_CONDITIONS } from "../contracts/alert-rules";
import { BULK_OPERATION_KINDS } from "../contracts/bulk-actions";
import { BULK_ITEM_OUTCOMES } from "../contracts/bulk-request";

// Response shapes of API v1. lib/api/openapi.ts turns them into the OpenAPI document, and the
// API test suite validates every answer the routes give against that document, so a field a
// service adds, drops or retypes fails a test until this file says so. Objects are closed
// (additionalProperties: false in the document) unless an open shape is the contract.
// Request shapes live in lib/contracts, where routes and server actions share them.

const isoTime = z.string().meta({ format: "date-time" });
const nullableTime = isoTime.nullable();

export const jobView = z.object({
  status: z.enum(["pending", "running", "exhausted", "cancelled", "waiting"]).meta({
    description: "waiting: a callback action's webhook accepted the work; the state waits for the completion call.",
  }),
  attempt: z.number().int(),
  nextAttemptAt: nullableTime,
  lastError: z.string().nullable(),
  state: z.string().meta({
    description:
      "The state whose action this is: the document's, or the one it left for an error state after the last attempt.",
  }),
});

export const timerView = z
  .object({
    state: z.string().meta({ description: "The state the timer was armed for (the document's)." }),
    transition: z.string().meta({ description: "The transition it fires by itself." }),
    dueAt: isoTime.meta({ description: "When it fires: entry into the state + the state's timeout.afterSeconds." }),
    status: z.enum(["pending", "running", "refused"]).meta({
      description:
        "pending: waiting to fire; running: being fired now; refused: its transition was refused (see lastError) and it will not fire again in this visit of the state.",
    }),
    lastError: z.string().nullable(),
  })
  .meta({ description: "The state's armed timer (the state's `timeout`); null when the state has none." });

const RECOVERY_OUTCOMES = ["running", "recovered", "failed_again", "overtaken"] as const;

export const recoveryCounts = z
  .object({
    requested: z.number().int().meta({ description: "Retries requested so far (one per document retried)." }),
    running: z.number().int().meta({ description: "Still being attempted (queued, running or waiting for a retry)." }),
    recovered: z
      .number()
      .int()
      .meta({ description: "The action then succeeded and the document left the error path." }),
    failedAgain: z.number().int().meta({ description: "The action ran out of attempts again." }),
    overtaken: z
      .number()
      .int()
      .meta({ description: "Moved, cancelled or settled by hand before the retry had an outcome." }),
  })
  .meta({ description: "What came of the retries (verified recovery)." });

/** A document's latest manual retry and what came of it. */
export const lastRetryView = z
  .object({
    outcome: z.enum(RECOVERY_OUTCOMES),
    actionState: z.string().meta({ description: "The state whose action was retried." }),
    error: z.string().nullable().meta({ description: "failed_again: the new error." }),
    requestedAt: isoTime,
    settledAt: nullableTime,
  })
  .meta({ description: "The latest manual retry of the document's action and its outcome (document detail only)." });

const DOCUMENT_EXAMPLE = {
  id: "5f0c8a8e-3d1b-4c2a-9a77-1f2d3c4b5a69",
  workflow: "invoice-processing",
  workflowVersion: 3,
  title: "ACME invoice 42",
  state: "review",
  version: 4,
  stateEnteredAt: "2026-03-02T10:15:00.000Z",
  metadata: { invoiceNumber: "42", amount: 99.5 },
  externalRef: "erp-42",
  createdAt: "2026-03-02T10:00:00.000Z",
  updatedAt: "2026-03-02T10:15:00.000Z",
  content: {
    contentType: "application/pdf",
    size: 48213,
    sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  },
  job: null,
  timer: {
    state: "review",
    transition: "escalate",
    dueAt: "2026-03-04T10:15:00.000Z",
    status: "pending",
    lastError: null,
  },
};

export const documentView = z
  .object({
    id: z.string(),
    workflow: z.string(),
    workflowVersion: z.number().int(),
    title: z.string(),
    state: z.string(),
    version: z.number().int().meta({ description: "Optimistic-concurrency counter: send it as expectedVersion." }),
    stateEnteredAt: isoTime,
    metadata: z.record(z.string(), z.unknown()),
    externalRef: z.string().nullable(),
    createdAt: isoTime,
    updatedAt: isoTime,
    content: z.object({ contentType: z.string(), size: z.number().int(), sha256: z.string() }).nullable(),
    job: jobView.nullable(),
    timer: timerView.nullable(),

    lastRetry: lastRetryView.nullable().optional(),
  })
  .meta({ examples: [DOCUMENT_EXAMPLE] });

export const documentPage = z.object({
  items: z.array(documentView),
  nextCursor: z.string().nullable().meta({ description: "Pass as cursor for the next page; null on the last." }),
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
  at: isoTime,
});

export const historyList = z.object({ items: z.array(historyEventView) });

export const stateChangeResult = z
  .object({
    event: z.object({
      seq: z.number().int(),
      type: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
      transition: z.string().nullable(),
      at: isoTime,
    }),
    document: documentView,
    replayed: z.boolean().meta({ description: "True when an earlier request with this idempotency key answered." }),
  })
  .meta({
    examples: [
      {
        event: {
          seq: 5,
          type: "TRANSITION",
          from: "review",
          to: "approved",
          transition: "approve",
          at: "2026-03-02T10:20:00.000Z",
        },
        document: {
          ...DOCUMENT_EXAMPLE,
          state: "approved",
          version: 5,
          stateEnteredAt: "2026-03-02T10:20:00.000Z",
          updatedAt: "2026-03-02T10:20:00.000Z",
          timer: null,
        },
        replayed: false,
      },
    ],
  });

const graphProblem = z.object({
  code: z.string(),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
  stateKey: z.string().optional(),
  transitionKey: z.string().optional(),
  path: z.string().optional(),
});

export const problemDetails = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().meta({ description: "Stable error code; see docs/errors.md." }),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    problems: z.array(graphProblem).optional().meta({ description: "INVALID_DEFINITION: every graph problem." }),
    currentRevision: z.number().int().optional().meta({ description: "CONFLICT on a draft: the revision to re-read." }),
    retryAfterSeconds: z.number().int().optional(),
    max: z.number().int().optional(),
  })
  .meta({
    description: "RFC 9457 problem details; further members depend on the code.",
    examples: [
      {
        type: "https://docstate.dev/problems/stale-version",
        title: "Stale version",
        status: 409,
        detail: "The document is at version 5, not 4. Re-read it and decide again.",
        code: "STALE_VERSION",
        instance: "/api/v1/documents/5f0c8a8e-3d1b-4c2a-9a77-1f2d3c4b5a69/transitions",
        requestId: "0b6f7c8e-8f1e-4a53-9f52-5d7b2a1f3c44",
      },
    ],
  });

export const workflowSummary = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  latestVersion: z.number().int().nullable(),
  publishedAt: nullableTime,
  hasDraft: z.boolean(),
  documentCount: z.number().int(),
  updatedAt: isoTime,
  draining: z
    .array(z.object({ version: z.number().int(), documents: z.number().int() }))
    .meta({ description: "Older published versions still holding documents, newest first" }),
});
export const workflowList = z.object({ items: z.array(workflowSummary) });

export const createdWorkflow = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  draftRevision: z.number().int(),
});

export const workflowDetail = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
  published: z.object({ version: z.number().int(), publishedAt: nullableTime, definition: z.unknown() }).nullable(),
  draft: z
    .object({
      version: z.number().int(),
      revision: z.number().int(),
      updatedAt: isoTime,
      definition: z.unknown(),
      problems: z.array(graphProblem),
    })
    .nullable(),
  versions: z.array(
    z.object({ version: z.number().int(), status: z.enum(["draft", "published"]), publishedAt: nullableTime }),
  ),
});

export const savedDraft = z.object({
  version: z.number().int(),
  revision: z.number().int().meta({ description: "Send as expectedRevision on the next save or publish." }),
  problems: z.array(graphProblem),
});

export const publishedVersion = z.object({ version: z.number().int() });

const actorCounts = z.object({ USER: z.number().int(), API: z.number().int(), SYSTEM: z.number().int() });
const exampleIds = z.array(z.string()).meta({ description: "A few document ids (open /documents/<id>)." });

/** POST /api/v1/workflows/:key/draft/replay: the draft held against the recent real history. */
export const draftReplay = z.object({
  workflow: z.string(),
  draftVersion: z.number().int(),
  draftRevision: z
    .number()
    .int()
    .meta({ description: "The draft revision replayed: publish with it as expectedRevision." }),
  publishedVersion: z.number().int().nullable(),
  window: z.object({ days: z.number().int(), since: isoTime, asOf: isoTime }),
  limit: z.number().int(),
  documents: z.number().int().meta({ description: "Documents replayed (the most recently active first)." }),
  steps: z
    .number()
    .int()
    .meta({ description: "Transitions taken by those documents, each checked against the draft." }),
  truncated: z.boolean(),
  truncatedBy: z.enum(["limit", "time"]).nullable(),
  elapsedMs: z.number().int(),
  metadataSource: z.literal("current").meta({
    description: "History does not keep metadata values: guards are checked with each document's current metadata.",
  }),
  roleSource: z.literal("current").meta({
    description: "History does not keep roles: roles are the users' and tokens' current ones (the system is admin).",
  }),
  removedTransitions: z.array(
    z.object({
      transitionKey: z.string(),
      fromState: z.string(),
      toState: z.string(),
      reason: z.enum(["STATE_REMOVED", "TRANSITION_REMOVED", "NOT_FROM_STATE"]),
      count: z.number().int(),
      byActor: actorCounts,
      examples: exampleIds,
    }),
  ),
  retargetedTransitions: z.array(
    z.object({
      transitionKey: z.string(),
      fromState: z.string(),
      toState: z.string(),
      draftToState: z.string(),
      count: z.number().int(),
      examples: exampleIds,
    }),
  ),
  forbiddenTransitions: z.array(
    z.object({
      transitionKey: z.string(),
      fromState: z.string(),
      role: z.string(),
      message: z.string(),
      count: z.number().int(),
      byActor: actorCounts,
      examples: exampleIds,
    }),
  ),
  guardFailures: z.array(
    z.object({
      transitionKey: z.string(),
      fromState: z.string(),
      count: z.number().int(),
      failures: z.array(z.object({ path: z.string(), message: z.string(), count: z.number().int() })),
      examples: exampleIds,
    }),
  ),
  unmappedStates: z.array(
    z.object({
      state: z.string(),
      label: z.string(),
      kind: z.string(),
      recentDocuments: z.number().int(),
      documentsNow: z.number().int().meta({ description: "Documents in this state now (any version)." }),
      examples: exampleIds,
    }),
  ),
  newSlaBreaches: z.array(
    z.object({
      state: z.string(),
      draftMaxSeconds: z.number().int(),
      baselineMaxSeconds: z.number().int().nullable(),
      count: z.number().int(),
      maxDwellSeconds: z.number().int(),
      examples: z.array(z.object({ documentId: z.string(), dwellSeconds: z.number().int() })),
    }),
  ),
});

export const availableTransitions = z.object({
  state: z.string(),
  version: z.number().int(),
  transitions: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      to: z.string(),
      allowed: z.boolean(),
      blockedBy: z.enum(["ROLE", "GUARD"]).optional(),
      message: z.string().optional(),
      failures: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      requireReason: z.boolean(),
      isGlobal: z.boolean(),
      isAutomatic: z.boolean(),
    }),
  ),
});

export const contentStored = z.object({ version: z.number().int(), size: z.number().int(), sha256: z.string() });

export const jobCancelled = z.object({
  seq: z.number().int().meta({ description: "The history event recording it." }),
});

export const errorGroupList = z.object({
  items: z.array(
    z.object({
      signature: z.string(),
      example: z.string(),
      workflow: z.string(),
      workflowName: z.string(),
      state: z.string(),
      count: z.number().int(),
      exhausted: z.number().int(),
      retrying: z.number().int(),
      firstSeen: isoTime,
      lastSeen: isoTime,
      exampleDocumentIds: z.array(z.string()),
    }),
  ),
});

export const workflowStatsList = z.object({
  items: z.array(
    z.object({
      workflow: z.string(),
      total: z.number().int(),
      errored: z.number().int(),
      stuck: z.number().int(),
      retrying: z.number().int(),
      states: z.array(
        z.object({
          state: z.string(),
          kind: z.string().nullable(),
          count: z.number().int(),
          overSla: z.number().int(),
        }),
      ),
    }),
  ),
});

export const dashboard = z.object({
  generatedAt: isoTime,
  totals: z.object({
    documents: z.number().int(),
    active: z.number().int(),
    errored: z.number().int(),
    finished: z.number().int(),
    overSla: z.number().int(),
    retrying: z.number().int(),
    transitions24h: z.number().int(),
    failureRate: z.number().nullable(),
  }),
  workflows: z.array(
    z.looseObject({
      key: z.string(),
      name: z.string(),
      description: z.string(),
      version: z.number().int().nullable(),
      total: z.number().int(),
      errored: z.number().int(),
      overSla: z.number().int(),
      retrying: z.number().int(),
      states: z.array(z.looseObject({ key: z.string(), label: z.string(), kind: z.string(), count: z.number().int() })),
      activity: z.looseObject({ bucketMinutes: z.number().int(), buckets: z.array(z.unknown()) }),
    }),
  ),
});

export const bulkOperation = z.object({
  id: z.string(),
  action: z.enum(BULK_OPERATION_KINDS),
  status: z.enum(["queued", "running", "completed", "cancelled", "failed", "paused"]),
  params: z.record(z.string(), z.unknown()),
  filter: z.record(z.string(), z.unknown()).nullable(),
  total: z.number().int(),
  processed: z.number().int().meta({ description: "succeeded + failed + skipped" }),
  succeeded: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  ratePerSecond: z.number(),
  createdBy: z.object({ type: z.string(), name: z.string() }),
  cancelRequested: z.boolean(),
  lastError: z.string().nullable(),
  pauseReason: z.string().nullable().meta({ description: "paused: why (its first chunk failed again too often)." }),
  pausedAt: nullableTime,
  recovery: recoveryCounts.nullable().meta({ description: "retry: what came of the retries so far; null otherwise." }),
  waitingForFirstChunk: z.boolean().meta({
    description: "A guarded retry (pauseWhenFailedAgainShare) waiting for its first chunk's outcomes before the rest.",
  }),
  createdAt: isoTime,
  startedAt: nullableTime,
  finishedAt: nullableTime,
});
export const bulkOperationList = z.object({ items: z.array(bulkOperation) });

export const bulkItemPage = z.object({
  items: z.array(
    z.object({
      seq: z.number().int(),
      documentId: z.string(),
      title: z.string().nullable(),
      status: z.enum(BULK_ITEM_OUTCOMES),
      code: z.string().nullable(),
      message: z.string().nullable(),
      finishedAt: nullableTime,
      recovery: z
        .object({ outcome: z.enum(RECOVERY_OUTCOMES), error: z.string().nullable(), settledAt: nullableTime })
        .nullable()
        .meta({ description: "A retried document: what came of its retry." }),
    }),
  ),
  nextAfterSeq: z.number().int().nullable(),
});

export const bulkPreview = z.object({
  total: z.number().int(),
  eligible: z.number().int(),
  refused: z.array(
    z.object({
      code: z.string(),
      message: z.string(),
      count: z.number().int(),
      examples: z.array(z.looseObject({ id: z.string() })),
    }),
  ),
});

export const workflowVersions = z.object({
  workflow: z.string(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      status: z.enum(["active", "draining", "retired"]).meta({
        description:
          "active: the latest (new documents start here); draining: older, still holding documents; retired: empty, or closed by an admin",
      }),
      publishedAt: nullableTime,
      retiredAt: nullableTime,
      documents: z.number().int(),
      states: z.array(z.object({ state: z.string(), count: z.number().int() })),
      definitionStates: z.array(z.object({ key: z.string(), kind: z.string(), label: z.string().nullable() })),
    }),
  ),
});

export const retiredVersion = z.object({
  version: z.number().int(),
  retiredAt: nullableTime,
});

export const migrationPreview = z.object({
  workflow: z.string(),
  fromVersion: z.number().int(),
  toVersion: z.number().int(),
  mapping: z.record(z.string(), z.string()).meta({ description: "The complete mapping, defaults filled in." }),
  total: z.number().int(),
  moving: z.number().int(),
  stuck: z.number().int(),
  running: z.number().int(),
  states: z.array(
    z.object({
      fromState: z.string(),
      toState: z.string(),
      isExplicit: z.boolean(),
      documents: z.number().int(),
      moving: z.number().int(),
      stuck: z.number().int().meta({
        description: "Would land where their metadata fails the guard of every outgoing transition of the target state",
      }),
      stuckExamples: z.array(z.object({ id: z.string(), title: z.string() })),
      running: z.number().int().meta({ description: "Have a running action: they wait and are skipped by the run" }),
      jobs: z.object({ keep: z.number().int(), requeue: z.number().int(), cancel: z.number().int() }),
      jobNote: z.string().nullable(),
    }),
  ),
});

export const alertRule = z.object({
  id: z.string(),
  name: z.string(),
  workflow: z.string(),
  workflowName: z.string(),
  state: z.string().nullable(),
  condition: z.enum(ALERT_CONDITIONS),
  threshold: z.number().meta({ description: "A document count, or a percentage for FAILURE_RATE." }),
  windowMinutes: z.number().int().nullable().meta({ description: "Only for FAILURE_RATE." }),
  webhookUrl: z.string().nullable().meta({ description: "In full for admins only." }),
  isEnabled: z.boolean(),
  createdAt: isoTime,
  updatedAt: isoTime,
  lastEvaluatedAt: nullableTime,
  lastValue: z.number().nullable(),
  lastError: z.string().nullable(),
  activeAlert: z.object({ id: z.string(), status: z.enum(["OPEN", "ACKNOWLEDGED"]), openedAt: isoTime }).nullable(),
});
export const alertRuleList = z.object({ items: z.array(alertRule) });
export const deletedAlertRule = z.object({ id: z.string() });

export const alert = z.looseObject({
  id: z.string(),
  status: z.enum(["OPEN", "ACKNOWLEDGED", "RESOLVED"]),
  openedAt: isoTime,
  openedValue: z.number(),
  lastValue: z.number(),
  threshold: z.number(),
  acknowledgedAt: nullableTime,
  acknowledgedBy: z.string().nullable(),
  resolvedAt: nullableTime,
  resolvedValue: z.number().nullable(),
  rule: z.looseObject({ id: z.string() }),
});
export const alertList = z.object({ items: z.array(alert) });
export const acknowledgedAlert = z.object({
  id: z.string(),
  status: z.literal("ACKNOWLEDGED"),
  acknowledgedAt: isoTime,
  acknowledgedBy: z.string(),
});

export const health = z
  .object({
    status: z.enum(["ok", "error"]),
    db: z.object({
      kind: z.enum(["postgres", "pglite"]),
      status: z.enum(["ok", "error"]),
      latencyMs: z.number(),
      error: z.string().optional(),
    }),
  })
  .meta({ examples: [{ status: "ok", db: { kind: "postgres", status: "ok", latencyMs: 2 } }] });

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
  at: isoTime,
  actor: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
  details: z.unknown(),
  clientAddress: z.string().nullable(),
});
export const auditPage = z.object({
  items: z.array(auditEntryView),
  nextCursor: z.string().nullable().meta({ description: "Pass as cursor for the next page; null on the last." }),
});

export const signingSecret = z.object({
  secret: z.string().meta({ description: "Shown only in this answer." }),
  createdAt: isoTime,
  previousValidUntil: nullableTime.meta({ description: "Until when the previous secret still signs (grace)." }),
});

// ---- Process analytics (lib/services/analytics) ----

const analyticsPeriod = z.object({ from: isoTime, to: isoTime });
const ms = z.number().nullable();
const durationSummary = {
  count: z.number().int(),
  meanMs: ms,
  medianMs: ms,
  p90Ms: ms,
  p99Ms: ms,
  maxMs: ms,
};

export const dwellAnalytics = z.object({
  workflow: z.string(),
  period: analyticsPeriod,
  previousPeriod: analyticsPeriod,
  states: z.array(
    z.object({
      state: z.string(),
      label: z.string(),
      kind: z.string(),
      inLatestVersion: z.boolean(),
      slaSeconds: z.number().nullable(),
      ...durationSummary,
      overSla: z.number().int().nullable(),
      histogram: z.array(z.object({ lowerMs: z.number(), upperMs: z.number(), count: z.number().int() })),
      previous: z.object({ ...durationSummary, overSla: z.number().int().nullable() }).nullable(),
    }),
  ),
});

export const throughputAnalytics = z.object({
  workflow: z.string(),
  period: analyticsPeriod,
  granularity: z.enum(["hour", "day"]),
  totals: z.object({ created: z.number().int(), completed: z.number().int(), errored: z.number().int() }),
  series: z.array(
    z.object({
      start: isoTime,
      created: z.number().int(),
      completed: z.number().int(),
      errored: z.number().int(),
      leadMedianMs: ms,
      leadP90Ms: ms,
      wip: z.record(z.string(), z.number().int()),
    }),
  ),
  leadTime: z.array(z.object({ state: z.string(), label: z.string(), ...durationSummary })),
  wipStates: z.array(z.string()),
});

export const pathAnalytics = z.object({
  workflow: z.string(),
  period: analyticsPeriod,
  completed: z.number().int(),
  paths: z.array(
    z.object({
      states: z.array(z.string()),
      terminal: z.string(),
      count: z.number().int(),
      share: z.number(),
      meanLeadMs: z.number(),
    }),
  ),
  rework: z.array(z.object({ state: z.string(), fromState: z.string(), count: z.number().int() })),
  transitions: z.array(
    z.object({
      fromState: z.string(),
      toState: z.string(),
      transition: z.string(),
      type: z.string(),
      count: z.number().int(),
      inLatestVersion: z.boolean(),
    }),
  ),
});

export const actionAnalytics = z.object({
  workflow: z.string(),
  period: analyticsPeriod,
  actions: z.array(
    z.object({
      state: z.string(),
      label: z.string(),
      attempts: z.number().int(),
      succeeded: z.number().int(),
      failed: z.number().int(),
      successRate: z.number().nullable(),
      retriesPerSuccess: z.number().nullable(),
      medianLatencyMs: ms,
      p90LatencyMs: ms,
      errors: z.array(z.object({ signature: z.string(), count: z.number().int(), share: z.number() })),
      sentToErrorState: z.number().int(),
    }),
  ),
});

export const peopleAnalytics = z.object({
  workflow: z.string(),
  period: analyticsPeriod,
  actors: z.array(
    z.object({
      actorType: z.enum(["USER", "API", "SYSTEM"]),
      actorKey: z
        .string()
        .meta({ description: "The user's or API token's id; for DocState itself its name (system, timer)." }),
      name: z.string(),
      role: z.enum(["viewer", "operator", "admin", "system"]).nullable().meta({
        description: "The role acted with: the user's or token's, system for DocState itself, null when deleted.",
      }),
      transitions: z
        .number()
        .int()
        .meta({ description: "Documents moved out of a state (transitions, forced moves, retries)." }),
      acts: z.number().int().meta({ description: "Of those, moves out of states the actor's role can leave." }),
      medianTimeToActMs: ms,
      p90TimeToActMs: ms,
    }),
  ),
});

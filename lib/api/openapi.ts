import "server-only";
import { z } from "zod";
import { workflowDefinitionSchema } from "../engine";
import * as bulkRequests from "../contracts/bulk-request";
import * as documentRequests from "../contracts/document-requests";
import * as workflowRequests from "../contracts/workflow-requests";
import * as responses from "./response-schemas";
import { bulkRequestSchema } from "../contracts/bulk-request";
import { alertRuleInput, alertRulePatch, listAlertsInput } from "../contracts/alert-rules";

type JsonSchema = Record<string, unknown>;

// The request shapes the routes parse with (lib/contracts) and the response shapes.
const s = { ...documentRequests, ...workflowRequests, ...bulkRequests, ...responses };

// OpenAPI 3.1 uses JSON Schema 2020-12, which zod 4 emits natively. Requests are described
// as clients send them (io "input": defaults optional), responses as they come back.
function schema(zodSchema: z.ZodType, io: "input" | "output" = "input"): JsonSchema {
  const out = z.toJSONSchema(zodSchema, { target: "draft-2020-12", unrepresentable: "any", io }) as JsonSchema;
  delete out.$schema;
  return out;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (name: string) => ({ required: true, content: { "application/json": { schema: ref(name) } } });
const ok = (name: string, description = "OK") => ({
  description,
  content: { "application/json": { schema: ref(name) } },
});
const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ref("Problem") } },
});

const COMMON_ERRORS = {
  "400": problem("Malformed JSON or invalid input (code VALIDATION_FAILED, MALFORMED_JSON)"),
  "401": problem("Missing, wrong or revoked token (UNAUTHENTICATED)"),
  "403": problem("The token's role may not do this (FORBIDDEN)"),
};

function queryParameters(zodSchema: z.ZodObject): unknown[] {
  const json = schema(zodSchema) as { properties: Record<string, JsonSchema> };
  return Object.entries(json.properties).map(([name, property]) => ({
    name,
    in: "query",
    required: false,
    schema: property,
    ...(property.description ? { description: property.description } : {}),
  }));
}

const keyParam = { name: "key", in: "path", required: true, schema: { type: "string" }, description: "Workflow key" };
const idParam = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", format: "uuid" },
  description: "Document id",
};

const bulkIdParam = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", format: "uuid" },
  description: "Bulk operation id",
};
const alertRuleIdParam = {
  name: "id",
  in: "path",
  required: true,
  schema: { type: "string", format: "uuid" },
  description: "Alert rule id",
};

const listOf = (name: string) => ({
  type: "object",
  properties: { items: { type: "array", items: ref(name) } },
  required: ["items"],
});

/** The OpenAPI 3.1 document of API v1, generated from the same zod schemas the handlers parse with. */
export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "DocState API",
      version: "1.0.0",
      description:
        "Create documents, move them through workflows and read their history. Errors are application/problem+json with a stable `code`.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    paths: {
      "/api/v1/workflows": {
        get: {
          operationId: "listWorkflows",
          summary: "List workflows",
          responses: { "200": ok("WorkflowList"), ...COMMON_ERRORS },
        },
        post: {
          operationId: "createWorkflow",
          summary: "Create a workflow with a draft (admin)",
          requestBody: jsonBody("CreateWorkflow"),
          responses: {
            "201": { description: "Created", content: { "application/json": { schema: { type: "object" } } } },
            ...COMMON_ERRORS,
            "409": problem("Key taken (DUPLICATE_KEY)"),
          },
        },
      },
      "/api/v1/workflows/{key}": {
        get: {
          operationId: "getWorkflow",
          summary: "Get a workflow with its published definition, draft and versions",
          parameters: [keyParam],
          responses: {
            "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } },
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
          },
        },
      },
      "/api/v1/workflows/{key}/draft": {
        put: {
          operationId: "saveDraft",
          summary: "Save the draft definition (admin)",
          parameters: [keyParam],
          requestBody: jsonBody("SaveDraft"),
          responses: {
            "200": {
              description: "Saved; graph problems listed",
              content: { "application/json": { schema: { type: "object" } } },
            },
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
            "409": problem("Draft changed elsewhere (CONFLICT)"),
          },
        },
      },
      "/api/v1/workflows/{key}/publish": {
        post: {
          operationId: "publishWorkflow",
          summary: "Publish the draft as the next immutable version (admin)",
          parameters: [keyParam],
          responses: {
            "200": {
              description: "Published",
              content: {
                "application/json": {
                  schema: { type: "object", properties: { version: { type: "integer" } }, required: ["version"] },
                },
              },
            },
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
            "409": problem("No draft (CONFLICT)"),
            "422": problem("Invalid graph (INVALID_DEFINITION, with problems)"),
          },
        },
      },
      "/api/v1/workflows/{key}/signing-secret": {
        post: {
          operationId: "rotateSigningSecret",
          summary: "Generate or rotate the workflow's webhook signing secret (admin); shown only in this answer",
          description:
            'Webhooks are signed `x-docstate-signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. During the grace period the previous secret signs too: one more `v1=` entry, current secret first.',
          parameters: [keyParam],
          requestBody: { required: false, content: { "application/json": { schema: ref("RotateSigningSecret") } } },
          responses: {
            "201": {
              description: "The new secret",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: {
                      secret: { type: "string" },
                      createdAt: { type: "string", format: "date-time" },
                      previousValidUntil: { type: ["string", "null"], format: "date-time" },
                    },
                    required: ["secret", "createdAt", "previousValidUntil"],
                  },
                },
              },
            },
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
          },
        },
      },
      "/api/v1/documents": {
        get: {
          operationId: "listDocuments",
          summary: "List documents (keyset pagination)",
          parameters: queryParameters(s.listDocumentsQuery),
          responses: { "200": ok("DocumentPage"), ...COMMON_ERRORS },
        },
        post: {
          operationId: "createDocument",
          summary: "Create a document in its workflow's initial state (operator)",
          requestBody: jsonBody("CreateDocument"),
          responses: {
            "201": ok("Document", "Created"),
            "200": ok("Document", "Existing document with this externalRef"),
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
            "409": problem("NO_PUBLISHED_VERSION"),
            "413": problem("PAYLOAD_TOO_LARGE"),
          },
        },
      },
      "/api/v1/documents/{id}": {
        get: {
          operationId: "getDocument",
          summary: "Get a document",
          parameters: [idParam],
          responses: { "200": ok("Document"), ...COMMON_ERRORS, "404": problem("DOCUMENT_NOT_FOUND") },
        },
      },
      "/api/v1/documents/{id}/content": {
        get: {
          operationId: "getDocumentContent",
          summary: "Download the content",
          parameters: [idParam],
          responses: {
            "200": {
              description: "The content, with its own content type",
              content: {
                "application/octet-stream": {
                  schema: { type: "string", contentMediaType: "application/octet-stream" },
                },
              },
            },
            ...COMMON_ERRORS,
            "404": problem("DOCUMENT_NOT_FOUND or no content (NOT_FOUND)"),
          },
        },
        put: {
          operationId: "putDocumentContent",
          summary: "Replace the content with the raw body (operator); its Content-Type is stored",
          parameters: [
            idParam,
            { name: "expectedVersion", in: "query", required: false, schema: { type: "integer", minimum: 1 } },
          ],
          requestBody: {
            required: true,
            content: { "*/*": { schema: { type: "string", contentMediaType: "application/octet-stream" } } },
          },
          responses: {
            "200": {
              description: "Stored",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    properties: { version: { type: "integer" }, size: { type: "integer" }, sha256: { type: "string" } },
                  },
                },
              },
            },
            ...COMMON_ERRORS,
            "404": problem("DOCUMENT_NOT_FOUND"),
            "409": problem("STALE_VERSION"),
            "413": problem("PAYLOAD_TOO_LARGE"),
          },
        },
      },
      "/api/v1/documents/{id}/history": {
        get: {
          operationId: "getDocumentHistory",
          summary: "The document's history",
          parameters: [idParam, ...queryParameters(s.historyQuery)],
          responses: { "200": ok("HistoryList"), ...COMMON_ERRORS, "404": problem("DOCUMENT_NOT_FOUND") },
        },
      },
      "/api/v1/documents/{id}/transitions": {
        get: {
          operationId: "listAvailableTransitions",
          summary: "Transitions leaving the current state, allowed or blocked (with why) for the caller",
          parameters: [idParam],
          responses: {
            "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } },
            ...COMMON_ERRORS,
            "404": problem("DOCUMENT_NOT_FOUND"),
          },
        },
        post: {
          operationId: "fireTransition",
          summary: "Fire a transition",
          parameters: [idParam],
          requestBody: jsonBody("FireTransition"),
          responses: {
            "200": ok("StateChangeResult"),
            ...COMMON_ERRORS,
            "404": problem("DOCUMENT_NOT_FOUND"),
            "409": problem("STALE_VERSION, CONFLICT (lost race or idempotency key reused)"),
            "422": problem("TRANSITION_NOT_ALLOWED, GUARD_FAILED (errors list failing paths), REASON_REQUIRED"),
          },
        },
      },
      "/api/v1/documents/{id}/move": {
        post: {
          operationId: "moveDocument",
          summary: "Move to any state with a reason (admin)",
          parameters: [idParam],
          requestBody: jsonBody("MoveDocument"),
          responses: {
            "200": ok("StateChangeResult"),
            ...COMMON_ERRORS,
            "404": problem("DOCUMENT_NOT_FOUND"),
            "409": problem("STALE_VERSION"),
            "422": problem("UNKNOWN_STATE, ALREADY_IN_STATE, REASON_REQUIRED"),
          },
        },
      },
      "/api/v1/documents/{id}/retry": {
        post: {
          operationId: "retryDocument",
          summary: "Retry the failed action now (operator); resetAttempts runs the whole policy again",
          parameters: [idParam],
          requestBody: { required: false, content: { "application/json": { schema: ref("RetryDocument") } } },
          responses: {
            "200": ok("StateChangeResult"),
            ...COMMON_ERRORS,
            "404": problem("DOCUMENT_NOT_FOUND"),
            "409": problem("NOTHING_TO_RETRY, or CONFLICT while the action is running"),
          },
        },
      },
      "/api/v1/documents/{id}/cancel": {
        post: {
          operationId: "cancelJob",
          summary: "Cancel the waiting or exhausted automated action (operator)",
          parameters: [idParam],
          responses: {
            "200": { description: "Cancelled", content: { "application/json": { schema: { type: "object" } } } },
            ...COMMON_ERRORS,
            "404": problem("DOCUMENT_NOT_FOUND"),
            "409": problem("NOTHING_TO_CANCEL (nothing waiting), or CONFLICT while the action is running"),
          },
        },
      },
      "/api/v1/errors": {
        get: {
          operationId: "listErrorGroups",
          summary: "Failing automated actions grouped by error signature",
          parameters: [
            { name: "workflow", in: "query", required: false, schema: { type: "string" } },
            { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 200 } },
          ],
          responses: {
            "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } },
            ...COMMON_ERRORS,
          },
        },
      },
      "/api/v1/stats": {
        get: {
          operationId: "getStats",
          summary: "Per-state counts, errored, stuck and retrying documents",
          parameters: queryParameters(s.statsQuery),
          responses: {
            "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } },
            ...COMMON_ERRORS,
          },
        },
      },
      "/api/v1/bulk-operations": {
        get: {
          operationId: "listBulkOperations",
          summary: "Recent bulk operations, newest first",
          parameters: queryParameters(s.bulkListQuery),
          responses: { "200": ok("BulkOperationList"), ...COMMON_ERRORS },
        },
        post: {
          operationId: "startBulkOperation",
          summary: "Queue a bulk fire/move/retry/cancel over listed documents or a filter (move: admin)",
          requestBody: jsonBody("BulkRequest"),
          responses: {
            "202": ok("BulkOperation", "Queued; poll its progress"),
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
            "422": problem("BULK_TOO_LARGE (over 100,000 documents), EMPTY_SELECTION"),
          },
        },
      },
      "/api/v1/bulk-operations/preview": {
        post: {
          operationId: "previewBulkOperation",
          summary: "Dry run: how many documents would change and why the rest would be refused",
          requestBody: jsonBody("BulkRequest"),
          responses: { "200": ok("BulkPreview"), ...COMMON_ERRORS, "422": problem("BULK_TOO_LARGE") },
        },
      },
      "/api/v1/bulk-operations/{id}": {
        get: {
          operationId: "getBulkOperation",
          summary: "A bulk operation with its progress",
          parameters: [bulkIdParam],
          responses: { "200": ok("BulkOperation"), ...COMMON_ERRORS, "404": problem("NOT_FOUND") },
        },
      },
      "/api/v1/bulk-operations/{id}/items": {
        get: {
          operationId: "listBulkItems",
          summary: "Per-document results",
          parameters: [bulkIdParam, ...queryParameters(s.bulkItemsQuery)],
          responses: {
            "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } },
            ...COMMON_ERRORS,
            "404": problem("NOT_FOUND"),
          },
        },
      },
      "/api/v1/bulk-operations/{id}/cancel": {
        post: {
          operationId: "cancelBulkOperation",
          summary: "Cancel before the next document",
          parameters: [bulkIdParam],
          responses: {
            "200": ok("BulkOperation"),
            ...COMMON_ERRORS,
            "404": problem("NOT_FOUND"),
            "409": problem("Already finished (CONFLICT)"),
          },
        },
      },
      "/api/v1/alert-rules": {
        get: {
          operationId: "listAlertRules",
          summary: "List alert rules (webhook URLs in full for admins only)",
          responses: {
            "200": { description: "OK", content: { "application/json": { schema: listOf("AlertRule") } } },
            ...COMMON_ERRORS,
          },
        },
        post: {
          operationId: "createAlertRule",
          summary: "Create an alert rule (admin)",
          requestBody: jsonBody("AlertRuleInput"),
          responses: {
            "201": ok("AlertRule", "Created"),
            ...COMMON_ERRORS,
            "404": problem("Unknown workflow (WORKFLOW_NOT_FOUND, errors[].path = workflow)"),
            "422": problem("Unknown state, or a state that does not suit the condition (UNKNOWN_STATE)"),
          },
        },
      },
      "/api/v1/alert-rules/{id}": {
        get: {
          operationId: "getAlertRule",
          summary: "Get an alert rule",
          parameters: [alertRuleIdParam],
          responses: { "200": ok("AlertRule"), ...COMMON_ERRORS, "404": problem("NOT_FOUND") },
        },
        patch: {
          operationId: "updateAlertRule",
          summary:
            "Change any fields of an alert rule (admin); disabling it or changing what it measures resolves its active alert",
          parameters: [alertRuleIdParam],
          requestBody: jsonBody("AlertRulePatch"),
          responses: {
            "200": ok("AlertRule"),
            ...COMMON_ERRORS,
            "404": problem("NOT_FOUND, WORKFLOW_NOT_FOUND"),
            "422": problem("UNKNOWN_STATE"),
          },
        },
        delete: {
          operationId: "deleteAlertRule",
          summary: "Delete an alert rule with its alerts (admin)",
          parameters: [alertRuleIdParam],
          responses: {
            "200": {
              description: "Deleted",
              content: { "application/json": { schema: { type: "object", properties: { id: { type: "string" } } } } },
            },
            ...COMMON_ERRORS,
            "404": problem("NOT_FOUND"),
          },
        },
      },
      "/api/v1/alerts": {
        get: {
          operationId: "listAlerts",
          summary: "Alerts newest first; status active (default) = open or acknowledged",
          parameters: queryParameters(listAlertsInput),
          responses: {
            "200": { description: "OK", content: { "application/json": { schema: listOf("Alert") } } },
            ...COMMON_ERRORS,
          },
        },
      },
      "/api/v1/alerts/{id}/acknowledge": {
        post: {
          operationId: "acknowledgeAlert",
          summary: "Acknowledge an open alert (operator); harmless when already acknowledged",
          parameters: [{ ...alertRuleIdParam, description: "Alert id" }],
          responses: {
            "200": { description: "Acknowledged", content: { "application/json": { schema: { type: "object" } } } },
            ...COMMON_ERRORS,
            "404": problem("NOT_FOUND"),
            "409": problem("Already resolved (CONFLICT)"),
          },
        },
      },
      "/api/v1/stats/dashboard": {
        get: {
          operationId: "getDashboard",
          summary:
            "Dashboard: per-workflow counts, errored, over-SLA, retrying, transitions per 10 min over 24 h and action failure rate",
          responses: {
            "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } },
            ...COMMON_ERRORS,
          },
        },
      },
      "/api/health": {
        get: {
          operationId: "health",
          summary: "Liveness and database status",
          security: [],
          responses: { "200": { description: "Healthy" }, "503": { description: "Database unreachable" } },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token from Settings → API tokens" },
      },
      schemas: {
        WorkflowDefinition: schema(workflowDefinitionSchema),
        CreateWorkflow: schema(s.createWorkflowBody),
        SaveDraft: schema(s.saveDraftBody),
        CreateDocument: schema(s.createDocumentBody),
        FireTransition: schema(s.fireTransitionBody),
        MoveDocument: schema(s.moveDocumentBody),
        RetryDocument: schema(s.retryBody),
        RotateSigningSecret: schema(s.rotateSigningSecretBody),
        Document: schema(s.documentView, "output"),
        DocumentPage: {
          type: "object",
          properties: { items: { type: "array", items: ref("Document") }, nextCursor: { type: ["string", "null"] } },
          required: ["items", "nextCursor"],
        },
        HistoryEvent: schema(s.historyEventView, "output"),
        HistoryList: listOf("HistoryEvent"),
        StateChangeResult: schema(s.stateChangeResult, "output"),
        WorkflowList: {
          type: "object",
          properties: { items: { type: "array", items: { type: "object" } } },
          required: ["items"],
        },
        Problem: schema(s.problemDetails, "output"),
        BulkRequest: schema(bulkRequestSchema),
        BulkOperation: {
          type: "object",
          description:
            "status queued|running|completed|cancelled|failed; processed = succeeded + failed + skipped of total",
        },
        BulkOperationList: listOf("BulkOperation"),
        BulkPreview: {
          type: "object",
          properties: {
            total: { type: "integer" },
            eligible: { type: "integer" },
            refused: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  code: { type: "string" },
                  message: { type: "string" },
                  count: { type: "integer" },
                  examples: { type: "array", items: { type: "object" } },
                },
              },
            },
          },
          required: ["total", "eligible", "refused"],
        },
        AlertRuleInput: schema(alertRuleInput),
        AlertRulePatch: schema(alertRulePatch),
        AlertRule: {
          type: "object",
          description:
            "threshold is a document count, or a percentage for FAILURE_RATE; windowMinutes only for FAILURE_RATE",
          properties: {
            id: { type: "string", format: "uuid" },
            name: { type: "string" },
            workflow: { type: "string" },
            workflowName: { type: "string" },
            state: { type: ["string", "null"] },
            condition: { enum: ["STATE_COUNT", "OVER_SLA_COUNT", "ERROR_STATE_COUNT", "FAILURE_RATE"] },
            threshold: { type: "number" },
            windowMinutes: { type: ["integer", "null"] },
            webhookUrl: { type: ["string", "null"] },
            isEnabled: { type: "boolean" },
            lastEvaluatedAt: { type: ["string", "null"] },
            lastValue: { type: ["number", "null"] },
            lastError: { type: ["string", "null"] },
            activeAlert: { type: ["object", "null"] },
          },
          required: ["id", "name", "workflow", "condition", "threshold", "isEnabled"],
        },
        Alert: {
          type: "object",
          properties: {
            id: { type: "string", format: "uuid" },
            status: { enum: ["OPEN", "ACKNOWLEDGED", "RESOLVED"] },
            openedAt: { type: "string" },
            openedValue: { type: "number" },
            lastValue: { type: "number" },
            threshold: { type: "number" },
            acknowledgedAt: { type: ["string", "null"] },
            acknowledgedBy: { type: ["string", "null"] },
            resolvedAt: { type: ["string", "null"] },
            resolvedValue: { type: ["number", "null"] },
            rule: { type: "object" },
            notifications: { type: "array", items: { type: "object" } },
          },
          required: ["id", "status", "openedAt", "rule"],
        },
      },
    },
  };
}

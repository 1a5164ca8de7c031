import "server-only";
import { z } from "zod";
import { workflowDefinitionSchema } from "../engine";
import * as bulkRequests from "../contracts/bulk-request";
import * as documentRequests from "../contracts/document-requests";
import * as workflowRequests from "../contracts/workflow-requests";
import * as responses from "./response-schemas";
import { alertRuleInput, alertRulePatch, listAlertsInput } from "../contracts/alert-rules";
import { auditExportQuery, auditListQuery } from "../contracts/audit-requests";
import { analyticsQuery } from "../contracts/analytics-requests";
import { migrationRequestSchema, retireVersionBody } from "../contracts/migration-requests";

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
const jsonBody = (name: string, example?: unknown) => ({
  required: true,
  content: { "application/json": { schema: ref(name), ...(example === undefined ? {} : { example }) } },
});
const optionalJsonBody = (name: string) => ({
  required: false,
  content: { "application/json": { schema: ref(name) } },
});
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
  "429": problem("Too many requests; wait Retry-After seconds (RATE_LIMITED)"),
  "500": problem("Unexpected failure, logged with the requestId (INTERNAL)"),
  "503": problem(
    "The database is unreachable (DATABASE_UNAVAILABLE) or this process is at its limit of requests in flight (OVERLOADED); retry after Retry-After seconds",
  ),
};

// Every operation that reads a request body may also refuse it for its size or type.
const BODY_ERRORS = {
  "413": problem("The body is too large (PAYLOAD_TOO_LARGE)"),
  "415": problem("The body is not application/json, or has no Content-Type (UNSUPPORTED_MEDIA_TYPE)"),
};

type Operation = { requestBody?: unknown; responses: Record<string, unknown> };

/** Adds the body errors to every operation that takes a body (its own descriptions win). */
function withBodyErrors<P extends Record<string, Record<string, Operation>>>(paths: P): P {
  for (const item of Object.values(paths))
    for (const operation of Object.values(item))
      if (operation.requestBody) operation.responses = { ...BODY_ERRORS, ...operation.responses };
  return paths;
}

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
    security: [{ bearer: [] }, { session: [] }],
    paths: withBodyErrors({
      "/api/v1/workflows": {
        get: {
          operationId: "listWorkflows",
          summary: "List workflows",
          responses: { "200": ok("WorkflowList"), ...COMMON_ERRORS },
        },
        post: {
          operationId: "createWorkflow",
          summary: "Create a workflow with a draft (admin)",
          requestBody: jsonBody("CreateWorkflow", {
            key: "contracts",
            name: "Contracts",
            definition: {
              states: [
                { key: "draft", kind: "initial" },
                { key: "signed", kind: "terminal" },
              ],
              transitions: [{ key: "sign", from: ["draft"], to: "signed" }],
            },
          }),
          responses: {
            "201": ok("CreatedWorkflow", "Created"),
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
            "200": ok("WorkflowDetail"),
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
          },
        },
      },
      "/api/v1/workflows/{key}/versions": {
        get: {
          operationId: "listWorkflowVersions",
          summary: "Published versions with status (active, draining, retired) and document counts per state",
          parameters: [keyParam],
          responses: { "200": ok("WorkflowVersions"), ...COMMON_ERRORS, "404": problem("WORKFLOW_NOT_FOUND") },
        },
      },
      "/api/v1/workflows/{key}/versions/{version}/retire": {
        post: {
          operationId: "retireWorkflowVersion",
          summary: "Close an older version to documents arriving by migration, or reopen it (admin)",
          parameters: [
            keyParam,
            { name: "version", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
          ],
          requestBody: jsonBody("RetireVersion", { retired: true }),
          responses: {
            "200": ok("RetiredVersion"),
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
            "409": problem("CONFLICT: the active version cannot be retired"),
            "422": problem("VERSION_NOT_PUBLISHED"),
          },
        },
      },
      "/api/v1/workflows/{key}/migrations/preview": {
        post: {
          operationId: "previewMigration",
          summary:
            "Dry run of a migration plan: per source state, documents moving, stuck, waiting, job re-plans (admin)",
          parameters: [keyParam],
          requestBody: jsonBody("MigrationRequest", { fromVersion: 1, toVersion: 2, mapping: { legacy: "review" } }),
          responses: {
            "200": ok("MigrationPreview"),
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
            "422": problem(
              "UNMAPPED_STATES (details.states lists them), UNKNOWN_STATE, SAME_VERSION, VERSION_NOT_PUBLISHED, VERSION_RETIRED, WORKFLOW_MISMATCH, BULK_TOO_LARGE",
            ),
          },
        },
      },
      "/api/v1/workflows/{key}/migrations": {
        post: {
          operationId: "startMigration",
          summary:
            "Migrate documents to another version as a bulk operation (admin); progress at /bulk-operations/{id}",
          parameters: [keyParam],
          requestBody: jsonBody("MigrationRequest", {
            fromVersion: 1,
            toVersion: 2,
            mapping: { legacy: "review" },
            reason: "v2 rollout",
          }),
          responses: {
            "202": ok("BulkOperation", "Queued; poll its progress"),
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
            "422": problem(
              "UNMAPPED_STATES (details.states lists them), UNKNOWN_STATE, SAME_VERSION, VERSION_NOT_PUBLISHED, VERSION_RETIRED, WORKFLOW_MISMATCH, BULK_TOO_LARGE, EMPTY_SELECTION",
            ),
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
            "200": ok("SavedDraft", "Saved; graph problems listed"),
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
            "409": problem("Draft changed elsewhere (CONFLICT)"),
          },
        },
      },
      "/api/v1/workflows/{key}/types.ts": {
        get: {
          operationId: "getWorkflowTypes",
          summary:
            "TypeScript types of a published version for the typed client (states, transitions per state, guard metadata)",
          parameters: [keyParam, ...queryParameters(s.workflowTypesQuery)],
          responses: {
            "200": {
              description:
                "A TypeScript module; X-DocState-Workflow-Version names the version, X-DocState-Typegen-Warnings counts guards typed as unknown",
              content: { "text/plain": { schema: { type: "string" } } },
            },
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND, or no such published version (NOT_FOUND)"),
          },
        },
      },
      "/api/v1/workflows/{key}/analytics/dwell": {
        get: {
          operationId: "getDwellAnalytics",
          summary:
            "Time in state per state left in the period (median/p90/p99 within 1/16, exact count/mean/max, share over SLA, histogram), with the previous period for comparison",
          parameters: [keyParam, ...queryParameters(analyticsQuery)],
          responses: {
            "200": ok("DwellAnalytics"),
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
            "422": problem(
              "INVALID_PERIOD: in the future, reversed or before the rollups' retention (the answer names the allowed range)",
            ),
          },
        },
      },
      "/api/v1/workflows/{key}/analytics/throughput": {
        get: {
          operationId: "getThroughputAnalytics",
          summary:
            "Documents created, completed and errored per hour or day, lead times and work in progress over time (cumulative flow)",
          parameters: [keyParam, ...queryParameters(analyticsQuery)],
          responses: {
            "200": ok("ThroughputAnalytics"),
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
            "422": problem(
              "INVALID_PERIOD: in the future, reversed or before the rollups' retention (the answer names the allowed range)",
            ),
          },
        },
      },
      "/api/v1/workflows/{key}/analytics/paths": {
        get: {
          operationId: "getPathAnalytics",
          summary: "Most frequent completed paths, rework loops and transition counts for the period",
          parameters: [keyParam, ...queryParameters(analyticsQuery)],
          responses: {
            "200": ok("PathAnalytics"),
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
            "422": problem(
              "INVALID_PERIOD: in the future, reversed or before the rollups' retention (the answer names the allowed range)",
            ),
          },
        },
      },
      "/api/v1/workflows/{key}/analytics/actions": {
        get: {
          operationId: "getActionAnalytics",
          summary: "Automated actions: attempts, success rate, retries per success, errors by signature and latency",
          parameters: [keyParam, ...queryParameters(analyticsQuery)],
          responses: {
            "200": ok("ActionAnalytics"),
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
            "422": problem(
              "INVALID_PERIOD: in the future, reversed or before the rollups' retention (the answer names the allowed range)",
            ),
          },
        },
      },
      "/api/v1/workflows/{key}/analytics/people": {
        get: {
          operationId: "getPeopleAnalytics",
          summary:
            "Per actor (person, API token, DocState itself): moves made and time to act on documents waiting in states their role can leave (admin)",
          parameters: [keyParam, ...queryParameters(analyticsQuery)],
          responses: {
            "200": ok("PeopleAnalytics"),
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
            "422": problem(
              "INVALID_PERIOD: in the future, reversed or before the rollups' retention (the answer names the allowed range)",
            ),
          },
        },
      },
      "/api/v1/workflows/{key}/publish": {
        post: {
          operationId: "publishWorkflow",
          summary: "Publish the draft as the next immutable version (admin)",
          parameters: [keyParam],
          requestBody: optionalJsonBody("Publish"),
          responses: {
            "200": ok("PublishedVersion", "Published"),
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
            "409": problem("No draft (CONFLICT)"),
            "422": problem("Invalid graph (INVALID_DEFINITION, with problems)"),
          },
        },
      },
      "/api/v1/workflows/{key}/draft/replay": {
        post: {
          operationId: "replayDraft",
          summary: "What-if replay of the draft over the recent real history (admin)",
          description:
            "For the most recently active documents of the last `days` days (at most `limit`), would the draft have allowed each transition they took? Lists removed, retargeted and forbidden transitions, guards the documents' current metadata fails, states of the published version the draft lacks, and new SLA breaches, each with counts and example documents. Bounded by the cap and a time budget: `truncated` says when not every document was read. Writes nothing.",
          parameters: [keyParam],
          requestBody: optionalJsonBody("ReplayDraft"),
          responses: {
            "200": ok("DraftReplay", "The what-if report (empty lists when there is no recent history)"),
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
            "409": problem("No draft to replay (CONFLICT)"),
            "422": problem("The stored draft is malformed (INVALID_DEFINITION)"),
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
          requestBody: optionalJsonBody("RotateSigningSecret"),
          responses: {
            "201": ok("SigningSecret", "The new secret"),
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
          requestBody: jsonBody("CreateDocument", {
            workflow: "invoice-processing",
            title: "ACME invoice 42",
            externalRef: "erp-42",
            metadata: { invoiceNumber: "42", amount: 99.5 },
            content: { contentType: "text/plain", text: "Invoice 42 from ACME: 99.50 EUR" },
          }),
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
                "*/*": { schema: { type: "string", description: "The bytes as stored, with their Content-Type" } },
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
            "200": ok("ContentStored", "Stored"),
            ...COMMON_ERRORS,
            "404": problem("DOCUMENT_NOT_FOUND"),
            "409": problem("STALE_VERSION"),
            "413": problem("PAYLOAD_TOO_LARGE"),
          },
        },
      },
      "/api/v1/documents/{id}/content/preview": {
        get: {
          operationId: "previewDocumentContent",
          summary:
            "The content for inline display (PDF, PNG, JPEG, GIF, WebP, plain text, JSON), sandboxed by its own CSP",
          parameters: [idParam],
          responses: {
            "200": {
              description: "The content, inline, with its own content type",
              content: {
                "application/pdf": { schema: { type: "string", contentMediaType: "application/pdf" } },
                "image/*": { schema: { type: "string", contentMediaType: "image/*" } },
                "text/plain": { schema: { type: "string" } },
                "application/json": { schema: {} },
              },
            },
            ...COMMON_ERRORS,
            "404": problem("DOCUMENT_NOT_FOUND, or no content (NOT_FOUND)"),
            "415": problem("A type that is never shown inline; download it instead (UNSUPPORTED_MEDIA_TYPE)"),
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
            "200": ok("AvailableTransitions"),
            ...COMMON_ERRORS,
            "404": problem("DOCUMENT_NOT_FOUND"),
          },
        },
        post: {
          operationId: "fireTransition",
          summary: "Fire a transition",
          parameters: [idParam],
          requestBody: jsonBody("FireTransition", {
            transition: "approve",
            expectedVersion: 4,
            idempotencyKey: "erp-42-approve",
          }),
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
          requestBody: jsonBody("MoveDocument", {
            toState: "review",
            reason: "Extraction service was down; amounts entered by hand",
          }),
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
          requestBody: optionalJsonBody("RetryDocument"),
          responses: {
            "200": ok("StateChangeResult"),
            ...COMMON_ERRORS,
            "404": problem("DOCUMENT_NOT_FOUND"),
            "409": problem("NOTHING_TO_RETRY, or CONFLICT while the action is running"),
          },
        },
      },
      "/api/v1/documents/{id}/history/verify": {
        get: {
          operationId: "verifyDocumentHistory",
          summary: "Recompute the document's history hash chain and name the first broken event",
          parameters: [idParam],
          responses: { "200": ok("HistoryVerification"), ...COMMON_ERRORS, "404": problem("DOCUMENT_NOT_FOUND") },
        },
      },
      "/api/v1/documents/{id}/actions/complete": {
        post: {
          operationId: "completeAction",
          summary:
            "Complete the action: a called system with its callbackToken (no credentials), or an operator by hand with a reason; onSuccess fires, output is merged into the metadata",
          description:
            "With `callbackToken` (from a callback webhook's body) the token is the only credential: no Authorization header. Without it, bearer or session credentials of an operator and a reason are required.",
          // Either a capability in the body (callbackToken) or the usual credentials.
          security: [{}, { bearer: [] }, { session: [] }],
          parameters: [idParam],
          requestBody: jsonBody("ActionCompletion", {
            callbackToken: "q7J0h1c2Yx1mT0d3S0r9m8a2b4c6d8e0f1g3h5j7k9m",
            output: { invoiceNumber: "INV-2026-01042", amount: 1250.5 },
          }),
          responses: {
            "200": ok("StateChangeResult"),
            ...COMMON_ERRORS,
            "403": problem("FORBIDDEN (role), or CALLBACK_TOKEN_INVALID: not the token the document awaits"),
            "404": problem("DOCUMENT_NOT_FOUND"),
            "409": problem(
              "CALLBACK_NOT_AWAITED (already settled, timed out or moved on), NOTHING_TO_SETTLE, CONFLICT while the action is running, or STALE_VERSION",
            ),
            "422": problem(
              "OUTPUT_INVALID (no output mapping, fails the output schema, too large), REASON_REQUIRED, or GUARD_FAILED / TRANSITION_NOT_ALLOWED for onSuccess",
            ),
          },
        },
      },
      "/api/v1/documents/{id}/actions/fail": {
        post: {
          operationId: "failAction",
          summary:
            "Fail the action now: a called system with its callbackToken (no credentials), or an operator by hand with a reason; onFailure fires",
          description:
            "With `callbackToken` the token is the only credential and `reason` is optional. Without it, an operator's credentials and a reason are required.",
          security: [{}, { bearer: [] }, { session: [] }],
          parameters: [idParam],
          requestBody: jsonBody("ActionCompletion", { reason: "Scan is unreadable" }),
          responses: {
            "200": ok("StateChangeResult"),
            ...COMMON_ERRORS,
            "403": problem("FORBIDDEN (role), or CALLBACK_TOKEN_INVALID: not the token the document awaits"),
            "404": problem("DOCUMENT_NOT_FOUND"),
            "409": problem(
              "CALLBACK_NOT_AWAITED, NOTHING_TO_SETTLE, CONFLICT while the action is running, or STALE_VERSION",
            ),
            "422": problem(
              "OUTPUT_INVALID (output only completes), REASON_REQUIRED, or GUARD_FAILED / TRANSITION_NOT_ALLOWED for onFailure",
            ),
          },
        },
      },
      "/api/v1/audit": {
        get: {
          operationId: "listAuditLog",
          summary: "The audit log, newest first, in keyset pages (admin)",
          parameters: queryParameters(auditListQuery),
          responses: { "200": ok("AuditPage"), ...COMMON_ERRORS },
        },
      },
      "/api/v1/audit/export": {
        get: {
          operationId: "exportAuditLog",
          summary: "The filtered audit log as CSV (admin)",
          parameters: queryParameters(auditExportQuery),
          responses: {
            "200": { description: "CSV, newest first", content: { "text/csv": { schema: { type: "string" } } } },
            ...COMMON_ERRORS,
          },
        },
      },
      "/api/v1/documents/{id}/cancel": {
        post: {
          operationId: "cancelJob",
          summary: "Cancel the waiting or exhausted automated action (operator)",
          parameters: [idParam],
          requestBody: optionalJsonBody("CancelJob"),
          responses: {
            "200": ok("JobCancelled", "Cancelled"),
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
            "200": ok("ErrorGroupList"),
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
            "200": ok("WorkflowStatsList"),
            ...COMMON_ERRORS,
            "404": problem("WORKFLOW_NOT_FOUND"),
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
          requestBody: jsonBody("BulkRequest", {
            action: "retry",
            resetAttempts: true,
            selection: { filter: { workflow: "invoice-processing", signature: "webhook:HTTP 503" } },
          }),
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
            "200": ok("BulkItemPage"),
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
      "/api/v1/bulk-operations/{id}/resume": {
        post: {
          operationId: "resumeBulkOperation",
          summary:
            "Resume a paused retry: an error group's retry pauses itself when more than pauseWhenFailedAgainShare of its first chunk failed again",
          parameters: [bulkIdParam],
          responses: {
            "200": ok("BulkOperation"),
            ...COMMON_ERRORS,
            "404": problem("NOT_FOUND"),
            "409": problem("Not paused (CONFLICT)"),
          },
        },
      },
      "/api/v1/alert-rules": {
        get: {
          operationId: "listAlertRules",
          summary: "List alert rules (webhook URLs in full for admins only)",
          responses: {
            "200": ok("AlertRuleList"),
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
            "200": ok("DeletedAlertRule", "Deleted"),
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
            "200": ok("AlertList"),
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
            "200": ok("AcknowledgedAlert", "Acknowledged"),
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
            "200": ok("Dashboard"),
            ...COMMON_ERRORS,
          },
        },
      },
      "/api/v1/openapi.json": {
        get: {
          operationId: "openApiDocument",
          summary: "This document (public)",
          security: [],
          responses: {
            "200": {
              description: "The OpenAPI 3.1 document",
              content: { "application/json": { schema: { type: "object", required: ["openapi", "paths"] } } },
            },
          },
        },
      },
      "/api/health": {
        get: {
          operationId: "health",
          summary: "Liveness and database status (public, for load balancers)",
          security: [],
          responses: {
            "200": ok("Health", "Healthy"),
            "503": ok("Health", "Database unreachable"),
          },
        },
      },
      "/api/metrics": {
        get: {
          operationId: "metrics",
          summary: "Prometheus metrics (any role; public when DOCSTATE_METRICS_PUBLIC=1)",
          responses: {
            "200": {
              description: "Prometheus text exposition format",
              content: { "text/plain": { schema: { type: "string" } } },
            },
            "401": COMMON_ERRORS["401"],
            "500": COMMON_ERRORS["500"],
          },
        },
      },
    }),
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "An API token from Settings → API tokens" },
        session: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "The signed-in browser session (same-origin requests only)",
        },
      },
      schemas: {
        WorkflowDefinition: schema(workflowDefinitionSchema),
        CreateWorkflow: schema(s.createWorkflowBody),
        SaveDraft: schema(s.saveDraftBody),
        Publish: schema(s.publishBody),
        ReplayDraft: schema(s.replayDraftBody),
        CreateDocument: schema(s.createDocumentBody),
        FireTransition: schema(s.fireTransitionBody),
        MoveDocument: schema(s.moveDocumentBody),
        RetryDocument: schema(s.retryBody),
        CancelJob: schema(s.cancelJobBody),
        ActionCompletion: schema(s.actionCompletionBody),
        BulkRequest: schema(s.bulkRequestSchema),
        MigrationRequest: schema(migrationRequestSchema),
        RetireVersion: schema(retireVersionBody),
        WorkflowVersions: schema(s.workflowVersions, "output"),
        RetiredVersion: schema(s.retiredVersion, "output"),
        MigrationPreview: schema(s.migrationPreview, "output"),
        RotateSigningSecret: schema(s.rotateSigningSecretBody),
        SigningSecret: schema(s.signingSecret, "output"),
        AlertRuleInput: schema(alertRuleInput),
        AlertRulePatch: schema(alertRulePatch),
        Problem: schema(s.problemDetails, "output"),
        Document: schema(s.documentView, "output"),
        DocumentPage: schema(s.documentPage, "output"),
        HistoryList: schema(s.historyList, "output"),
        HistoryVerification: schema(s.historyVerification, "output"),
        AuditPage: schema(s.auditPage, "output"),
        StateChangeResult: schema(s.stateChangeResult, "output"),
        AvailableTransitions: schema(s.availableTransitions, "output"),
        ContentStored: schema(s.contentStored, "output"),
        JobCancelled: schema(s.jobCancelled, "output"),
        WorkflowList: schema(s.workflowList, "output"),
        CreatedWorkflow: schema(s.createdWorkflow, "output"),
        WorkflowDetail: schema(s.workflowDetail, "output"),
        SavedDraft: schema(s.savedDraft, "output"),
        PublishedVersion: schema(s.publishedVersion, "output"),
        DraftReplay: schema(s.draftReplay, "output"),
        ErrorGroupList: schema(s.errorGroupList, "output"),
        WorkflowStatsList: schema(s.workflowStatsList, "output"),
        Dashboard: schema(s.dashboard, "output"),
        BulkOperation: schema(s.bulkOperation, "output"),
        BulkOperationList: schema(s.bulkOperationList, "output"),
        BulkItemPage: schema(s.bulkItemPage, "output"),
        BulkPreview: schema(s.bulkPreview, "output"),
        AlertRule: schema(s.alertRule, "output"),
        AlertRuleList: schema(s.alertRuleList, "output"),
        DeletedAlertRule: schema(s.deletedAlertRule, "output"),
        AlertList: schema(s.alertList, "output"),
        AcknowledgedAlert: schema(s.acknowledgedAlert, "output"),
        Health: schema(s.health, "output"),
        DwellAnalytics: schema(s.dwellAnalytics, "output"),
        ThroughputAnalytics: schema(s.throughputAnalytics, "output"),
        PathAnalytics: schema(s.pathAnalytics, "output"),
        ActionAnalytics: schema(s.actionAnalytics, "output"),
        PeopleAnalytics: schema(s.peopleAnalytics, "output"),
      },
    },
  };
}

import { z } from "zod";
import { workflowDefinitionSchema } from "../engine";
import * as s from "./schemas";

type JsonSchema = Record<string, unknown>;

// OpenAPI 3.1 uses JSON Schema 2020-12, which zod 4 emits natively. Requests are described
// as clients send them (io "input": defaults optional), responses as they come back.
function schema(zodSchema: z.ZodType, io: "input" | "output" = "input"): JsonSchema {
  const out = z.toJSONSchema(zodSchema, { target: "draft-2020-12", unrepresentable: "any", io }) as JsonSchema;
  delete out.$schema;
  return out;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (name: string) => ({ required: true, content: { "application/json": { schema: ref(name) } } });
const ok = (name: string, description = "OK") => ({ description, content: { "application/json": { schema: ref(name) } } });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });

const COMMON_ERRORS = {
  "400": problem("Malformed JSON or invalid input (code VALIDATION_FAILED, MALFORMED_JSON)"),
  "401": problem("Missing, wrong or revoked token (UNAUTHENTICATED)"),
  "403": problem("The token's role may not do this (FORBIDDEN)"),
};

function queryParameters(zodSchema: z.ZodObject): unknown[] {
  const json = schema(zodSchema) as { properties: Record<string, JsonSchema> };
  return Object.entries(json.properties).map(([name, property]) => ({ name, in: "query", required: false, schema: property, ...(property.description ? { description: property.description } : {}) }));
}

const keyParam = { name: "key", in: "path", required: true, schema: { type: "string" }, description: "Workflow key" };
const idParam = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" }, description: "Document id" };

const listOf = (name: string) => ({ type: "object", properties: { items: { type: "array", items: ref(name) } }, required: ["items"] });

/** The OpenAPI 3.1 document of API v1, generated from the same zod schemas the handlers parse with. */
export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "DocState API",
      version: "1.0.0",
      description: "Create documents, move them through workflows and read their history. Errors are application/problem+json with a stable `code`.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    paths: {
      "/api/v1/workflows": {
        get: { operationId: "listWorkflows", summary: "List workflows", responses: { "200": ok("WorkflowList"), ...COMMON_ERRORS } },
        post: {
          operationId: "createWorkflow", summary: "Create a workflow with a draft (admin)", requestBody: jsonBody("CreateWorkflow"),
          responses: { "201": { description: "Created", content: { "application/json": { schema: { type: "object" } } } }, ...COMMON_ERRORS, "409": problem("Key taken (DUPLICATE_KEY)") },
        },
      },
      "/api/v1/workflows/{key}": {
        get: { operationId: "getWorkflow", summary: "Get a workflow with its published definition, draft and versions", parameters: [keyParam], responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } }, ...COMMON_ERRORS, "404": problem("WORKFLOW_NOT_FOUND") } },
      },
      "/api/v1/workflows/{key}/draft": {
        put: { operationId: "saveDraft", summary: "Save the draft definition (admin)", parameters: [keyParam], requestBody: jsonBody("SaveDraft"), responses: { "200": { description: "Saved; graph problems listed", content: { "application/json": { schema: { type: "object" } } } }, ...COMMON_ERRORS, "404": problem("WORKFLOW_NOT_FOUND"), "409": problem("Draft changed elsewhere (CONFLICT)") } },
      },
      "/api/v1/workflows/{key}/publish": {
        post: { operationId: "publishWorkflow", summary: "Publish the draft as the next immutable version (admin)", parameters: [keyParam], responses: { "200": { description: "Published", content: { "application/json": { schema: { type: "object", properties: { version: { type: "integer" } }, required: ["version"] } } } }, ...COMMON_ERRORS, "404": problem("WORKFLOW_NOT_FOUND"), "409": problem("No draft (CONFLICT)"), "422": problem("Invalid graph (INVALID_DEFINITION, with problems)") } },
      },
      "/api/v1/documents": {
        get: { operationId: "listDocuments", summary: "List documents (keyset pagination)", parameters: queryParameters(s.listDocumentsQuery), responses: { "200": ok("DocumentPage"), ...COMMON_ERRORS } },
        post: {
          operationId: "createDocument", summary: "Create a document in its workflow's initial state (operator)", requestBody: jsonBody("CreateDocument"),
          responses: { "201": ok("Document", "Created"), "200": ok("Document", "Existing document with this externalRef"), ...COMMON_ERRORS, "404": problem("WORKFLOW_NOT_FOUND"), "409": problem("NO_PUBLISHED_VERSION"), "413": problem("PAYLOAD_TOO_LARGE") },
        },
      },
      "/api/v1/documents/{id}": { get: { operationId: "getDocument", summary: "Get a document", parameters: [idParam], responses: { "200": ok("Document"), ...COMMON_ERRORS, "404": problem("DOCUMENT_NOT_FOUND") } } },
      "/api/v1/documents/{id}/content": {
        get: { operationId: "getDocumentContent", summary: "Download the content", parameters: [idParam], responses: { "200": { description: "The content, with its own content type", content: { "application/octet-stream": { schema: { type: "string", contentMediaType: "application/octet-stream" } } } }, ...COMMON_ERRORS, "404": problem("DOCUMENT_NOT_FOUND or no content (NOT_FOUND)") } },
        put: {
          operationId: "putDocumentContent", summary: "Replace the content with the raw body (operator); its Content-Type is stored",
          parameters: [idParam, { name: "expectedVersion", in: "query", required: false, schema: { type: "integer", minimum: 1 } }],
          requestBody: { required: true, content: { "*/*": { schema: { type: "string", contentMediaType: "application/octet-stream" } } } },
          responses: { "200": { description: "Stored", content: { "application/json": { schema: { type: "object", properties: { version: { type: "integer" }, size: { type: "integer" }, sha256: { type: "string" } } } } } }, ...COMMON_ERRORS, "404": problem("DOCUMENT_NOT_FOUND"), "409": problem("STALE_VERSION"), "413": problem("PAYLOAD_TOO_LARGE") },
        },
      },
      "/api/v1/documents/{id}/history": {
        get: { operationId: "getDocumentHistory", summary: "The document's history", parameters: [idParam, ...queryParameters(s.historyQuery)], responses: { "200": ok("HistoryList"), ...COMMON_ERRORS, "404": problem("DOCUMENT_NOT_FOUND") } },
      },
      "/api/v1/documents/{id}/transitions": {
        get: { operationId: "listAvailableTransitions", summary: "Transitions leaving the current state, allowed or blocked (with why) for the caller", parameters: [idParam], responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } }, ...COMMON_ERRORS, "404": problem("DOCUMENT_NOT_FOUND") } },
        post: { operationId: "fireTransition", summary: "Fire a transition", parameters: [idParam], requestBody: jsonBody("FireTransition"), responses: { "200": ok("StateChangeResult"), ...COMMON_ERRORS, "404": problem("DOCUMENT_NOT_FOUND"), "409": problem("STALE_VERSION, CONFLICT (lost race or idempotency key reused)"), "422": problem("TRANSITION_NOT_ALLOWED, GUARD_FAILED (errors list failing paths), REASON_REQUIRED") } },
      },
      "/api/v1/documents/{id}/move": {
        post: { operationId: "moveDocument", summary: "Move to any state with a reason (admin)", parameters: [idParam], requestBody: jsonBody("MoveDocument"), responses: { "200": ok("StateChangeResult"), ...COMMON_ERRORS, "404": problem("DOCUMENT_NOT_FOUND"), "409": problem("STALE_VERSION"), "422": problem("UNKNOWN_STATE, REASON_REQUIRED") } },
      },
      "/api/v1/documents/{id}/retry": {
        post: { operationId: "retryDocument", summary: "Retry the failed action now (operator); resetAttempts runs the whole policy again", parameters: [idParam], requestBody: { required: false, content: { "application/json": { schema: ref("RetryDocument") } } }, responses: { "200": ok("StateChangeResult"), ...COMMON_ERRORS, "404": problem("DOCUMENT_NOT_FOUND"), "409": problem("NOTHING_TO_RETRY") } },
      },
      "/api/v1/documents/{id}/cancel": {
        post: { operationId: "cancelJob", summary: "Cancel the waiting or exhausted automated action (operator)", parameters: [idParam], responses: { "200": { description: "Cancelled", content: { "application/json": { schema: { type: "object" } } } }, ...COMMON_ERRORS, "404": problem("DOCUMENT_NOT_FOUND"), "409": problem("NOTHING_TO_RETRY (nothing waiting, or running now)") } },
      },
      "/api/v1/errors": {
        get: { operationId: "listErrorGroups", summary: "Failing automated actions grouped by error signature", parameters: [{ name: "workflow", in: "query", required: false, schema: { type: "string" } }, { name: "limit", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 200 } }], responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } }, ...COMMON_ERRORS } },
      },
      "/api/v1/stats": { get: { operationId: "getStats", summary: "Per-state counts, errored, stuck and retrying documents", parameters: queryParameters(s.statsQuery), responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } }, ...COMMON_ERRORS } } },
      "/api/v1/stats/dashboard": { get: { operationId: "getDashboard", summary: "Dashboard: per-workflow counts, errored, over-SLA, retrying, transitions per 10 min over 24 h and action failure rate", responses: { "200": { description: "OK", content: { "application/json": { schema: { type: "object" } } } }, ...COMMON_ERRORS } } },
      "/api/health": { get: { operationId: "health", summary: "Liveness and database status", security: [], responses: { "200": { description: "Healthy" }, "503": { description: "Database unreachable" } } } },
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token from Settings → API tokens" } },
      schemas: {
        WorkflowDefinition: schema(workflowDefinitionSchema),
        CreateWorkflow: schema(s.createWorkflowBody),
        SaveDraft: schema(s.saveDraftBody),
        CreateDocument: schema(s.createDocumentBody),
        FireTransition: schema(s.fireTransitionBody),
        MoveDocument: schema(s.moveDocumentBody),
        RetryDocument: schema(s.retryBody),
        Document: schema(s.documentView, "output"),
        DocumentPage: { type: "object", properties: { items: { type: "array", items: ref("Document") }, nextCursor: { type: ["string", "null"] } }, required: ["items", "nextCursor"] },
        HistoryEvent: schema(s.historyEventView, "output"),
        HistoryList: listOf("HistoryEvent"),
        StateChangeResult: schema(s.stateChangeResult, "output"),
        WorkflowList: { type: "object", properties: { items: { type: "array", items: { type: "object" } } }, required: ["items"] },
        Problem: schema(s.problemDetails, "output"),
      },
    },
  };
}

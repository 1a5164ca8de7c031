import "server-only";
import * as health from "./routes/health";
import * as metrics from "./routes/metrics";
import * as alertRulesId from "./routes/alert-rules-id";
import * as alertRules from "./routes/alert-rules";
import * as alertsIdAcknowledge from "./routes/alerts-id-acknowledge";
import * as alerts from "./routes/alerts";
import * as auditExport from "./routes/audit-export";
import * as audit from "./routes/audit";
import * as bulkOperationsIdCancel from "./routes/bulk-operations-id-cancel";
import * as bulkOperationsIdItems from "./routes/bulk-operations-id-items";
import * as bulkOperationsIdResume from "./routes/bulk-operations-id-resume";
import * as bulkOperationsId from "./routes/bulk-operations-id";
import * as bulkOperationsPreview from "./routes/bulk-operations-preview";
import * as bulkOperations from "./routes/bulk-operations";
import * as documentsIdActionsComplete from "./routes/documents-id-actions-complete";
import * as documentsIdActionsFail from "./routes/documents-id-actions-fail";
import * as documentsIdCancel from "./routes/documents-id-cancel";
import * as documentsIdContentPreview from "./routes/documents-id-content-preview";
import * as documentsIdContent from "./routes/documents-id-content";
import * as documentsIdHistory from "./routes/documents-id-history";
import * as documentsIdHistoryVerify from "./routes/documents-id-history-verify";
import * as documentsIdMove from "./routes/documents-id-move";
import * as documentsIdRetry from "./routes/documents-id-retry";
import * as documentsId from "./routes/documents-id";
import * as documentsIdTransitions from "./routes/documents-id-transitions";
import * as documents from "./routes/documents";
import * as errors from "./routes/errors";
import * as openapiJson from "./routes/openapi-json";
import * as statsDashboard from "./routes/stats-dashboard";
import * as stats from "./routes/stats";
import * as workflowsKeyAnalyticsActions from "./routes/workflows-key-analytics-actions";
import * as workflowsKeyAnalyticsDwell from "./routes/workflows-key-analytics-dwell";
import * as workflowsKeyAnalyticsPaths from "./routes/workflows-key-analytics-paths";
import * as workflowsKeyAnalyticsPeople from "./routes/workflows-key-analytics-people";
import * as workflowsKeyAnalyticsThroughput from "./routes/workflows-key-analytics-throughput";
import * as workflowsKeyDraftReplay from "./routes/workflows-key-draft-replay";
import * as workflowsKeyDraft from "./routes/workflows-key-draft";
import * as workflowsKeyMigrationsPreview from "./routes/workflows-key-migrations-preview";
import * as workflowsKeyMigrations from "./routes/workflows-key-migrations";
import * as workflowsKeyPublish from "./routes/workflows-key-publish";
import * as workflowsKey from "./routes/workflows-key";
import * as workflowsKeySigningSecret from "./routes/workflows-key-signing-secret";
import * as workflowsKeyTypesTs from "./routes/workflows-key-types-ts";
import * as workflowsKeyVersionsVersionRetire from "./routes/workflows-key-versions-version-retire";
import * as workflowsKeyVersions from "./routes/workflows-key-versions";
import * as workflows from "./routes/workflows";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RouteHandler = (
  request: Request,
  context: { params: Promise<Record<string, string | string[] | undefined>> },
) => Response | Promise<Response>;

/**
 * Every API operation, once: its path (":name" for a parameter) and its handlers by method.
 * The Next route files under app/api re-export these modules (the embedded host), and
 * scripts/api-server.ts serves this table (the standalone host, lib/api/standalone-host.ts),
 * so both hosts run the same zod schemas, auth, rate limit and problem+json.
 */
export const ROUTE_TABLE: ReadonlyArray<{ path: string; handlers: Partial<Record<HttpMethod, RouteHandler>> }> = [
  { path: "/api/health", handlers: health },
  { path: "/api/metrics", handlers: metrics },
  { path: "/api/v1/alert-rules/:id", handlers: alertRulesId },
  { path: "/api/v1/alert-rules", handlers: alertRules },
  { path: "/api/v1/alerts/:id/acknowledge", handlers: alertsIdAcknowledge },
  { path: "/api/v1/alerts", handlers: alerts },
  { path: "/api/v1/audit/export", handlers: auditExport },
  { path: "/api/v1/audit", handlers: audit },
  { path: "/api/v1/bulk-operations/:id/cancel", handlers: bulkOperationsIdCancel },
  { path: "/api/v1/bulk-operations/:id/items", handlers: bulkOperationsIdItems },
  { path: "/api/v1/bulk-operations/:id/resume", handlers: bulkOperationsIdResume },
  { path: "/api/v1/bulk-operations/:id", handlers: bulkOperationsId },
  { path: "/api/v1/bulk-operations/preview", handlers: bulkOperationsPreview },
  { path: "/api/v1/bulk-operations", handlers: bulkOperations },
  { path: "/api/v1/documents/:id/actions/complete", handlers: documentsIdActionsComplete },
  { path: "/api/v1/documents/:id/actions/fail", handlers: documentsIdActionsFail },
  { path: "/api/v1/documents/:id/cancel", handlers: documentsIdCancel },
  { path: "/api/v1/documents/:id/content/preview", handlers: documentsIdContentPreview },
  { path: "/api/v1/documents/:id/content", handlers: documentsIdContent },
  { path: "/api/v1/documents/:id/history", handlers: documentsIdHistory },
  { path: "/api/v1/documents/:id/history/verify", handlers: documentsIdHistoryVerify },
  { path: "/api/v1/documents/:id/move", handlers: documentsIdMove },
  { path: "/api/v1/documents/:id/retry", handlers: documentsIdRetry },
  { path: "/api/v1/documents/:id", handlers: documentsId },
  { path: "/api/v1/documents/:id/transitions", handlers: documentsIdTransitions },
  { path: "/api/v1/documents", handlers: documents },
  { path: "/api/v1/errors", handlers: errors },
  { path: "/api/v1/openapi.json", handlers: openapiJson },
  { path: "/api/v1/stats/dashboard", handlers: statsDashboard },
  { path: "/api/v1/stats", handlers: stats },
  { path: "/api/v1/workflows/:key/analytics/actions", handlers: workflowsKeyAnalyticsActions },
  { path: "/api/v1/workflows/:key/analytics/dwell", handlers: workflowsKeyAnalyticsDwell },
  { path: "/api/v1/workflows/:key/analytics/paths", handlers: workflowsKeyAnalyticsPaths },
  { path: "/api/v1/workflows/:key/analytics/people", handlers: workflowsKeyAnalyticsPeople },
  { path: "/api/v1/workflows/:key/analytics/throughput", handlers: workflowsKeyAnalyticsThroughput },
  { path: "/api/v1/workflows/:key/draft/replay", handlers: workflowsKeyDraftReplay },
  { path: "/api/v1/workflows/:key/draft", handlers: workflowsKeyDraft },
  { path: "/api/v1/workflows/:key/migrations/preview", handlers: workflowsKeyMigrationsPreview },
  { path: "/api/v1/workflows/:key/migrations", handlers: workflowsKeyMigrations },
  { path: "/api/v1/workflows/:key/publish", handlers: workflowsKeyPublish },
  { path: "/api/v1/workflows/:key", handlers: workflowsKey },
  { path: "/api/v1/workflows/:key/signing-secret", handlers: workflowsKeySigningSecret },
  { path: "/api/v1/workflows/:key/types.ts", handlers: workflowsKeyTypesTs },
  { path: "/api/v1/workflows/:key/versions/:version/retire", handlers: workflowsKeyVersionsVersionRetire },
  { path: "/api/v1/workflows/:key/versions", handlers: workflowsKeyVersions },
  { path: "/api/v1/workflows", handlers: workflows },
];

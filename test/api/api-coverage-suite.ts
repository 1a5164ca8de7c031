import { expect } from "vitest";
import * as health from "../../app/api/health/route";
import * as metrics from "../../app/api/metrics/route";
import * as alertRules from "../../app/api/v1/alert-rules/route";
import * as alertRule from "../../app/api/v1/alert-rules/[id]/route";
import * as alerts from "../../app/api/v1/alerts/route";
import * as acknowledge from "../../app/api/v1/alerts/[id]/acknowledge/route";
import * as bulk from "../../app/api/v1/bulk-operations/route";
import * as bulkOne from "../../app/api/v1/bulk-operations/[id]/route";
import * as bulkCancel from "../../app/api/v1/bulk-operations/[id]/cancel/route";
import * as bulkItems from "../../app/api/v1/bulk-operations/[id]/items/route";
import * as bulkResume from "../../app/api/v1/bulk-operations/[id]/resume/route";
import * as bulkPreview from "../../app/api/v1/bulk-operations/preview/route";
import * as workflows from "../../app/api/v1/workflows/route";
import * as workflow from "../../app/api/v1/workflows/[key]/route";
import * as draft from "../../app/api/v1/workflows/[key]/draft/route";
import * as publish from "../../app/api/v1/workflows/[key]/publish/route";
import * as documents from "../../app/api/v1/documents/route";
import * as document from "../../app/api/v1/documents/[id]/route";
import * as cancelJob from "../../app/api/v1/documents/[id]/cancel/route";
import * as content from "../../app/api/v1/documents/[id]/content/route";
import * as preview from "../../app/api/v1/documents/[id]/content/preview/route";
import * as history from "../../app/api/v1/documents/[id]/history/route";
import * as move from "../../app/api/v1/documents/[id]/move/route";
import * as retry from "../../app/api/v1/documents/[id]/retry/route";
import * as transitions from "../../app/api/v1/documents/[id]/transitions/route";
import * as errors from "../../app/api/v1/errors/route";
import * as stats from "../../app/api/v1/stats/route";
import * as dashboard from "../../app/api/v1/stats/dashboard/route";
import * as openapi from "../../app/api/v1/openapi.json/route";
import * as audit from "../../app/api/v1/audit/route";
import * as auditExport from "../../app/api/v1/audit/export/route";
import * as verifyHistory from "../../app/api/v1/documents/[id]/history/verify/route";
import * as completeAction from "../../app/api/v1/documents/[id]/actions/complete/route";
import * as failAction from "../../app/api/v1/documents/[id]/actions/fail/route";
import * as workflowTypes from "../../app/api/v1/workflows/[key]/types.ts/route";
import * as signingSecret from "../../app/api/v1/workflows/[key]/signing-secret/route";
import * as replayDraft from "../../app/api/v1/workflows/[key]/draft/replay/route";
import * as analyticsDwell from "../../app/api/v1/workflows/[key]/analytics/dwell/route";
import * as analyticsThroughput from "../../app/api/v1/workflows/[key]/analytics/throughput/route";
import * as analyticsPaths from "../../app/api/v1/workflows/[key]/analytics/paths/route";
import * as analyticsActions from "../../app/api/v1/workflows/[key]/analytics/actions/route";
import * as analyticsPeople from "../../app/api/v1/workflows/[key]/analytics/people/route";
import * as versions from "../../app/api/v1/workflows/[key]/versions/route";
import * as retireVersion from "../../app/api/v1/workflows/[key]/versions/[version]/retire/route";
import * as migrations from "../../app/api/v1/workflows/[key]/migrations/route";
import * as migrationPreview from "../../app/api/v1/workflows/[key]/migrations/preview/route";
import { buildOpenApiDocument } from "../../lib/api/openapi";
import { REVIEW_DEFINITION } from "../helpers/fixtures";
import type { ApiHarness } from "./api-harness";
import { checkedAnswers } from "./openapi-conformance";

const GHOST = "0190c1f2-0000-7000-8000-000000000000";

/**
 * Calls every operation of the OpenAPI document at least once with a success and once with
 * an error; the harness holds each answer to the document. Then asserts that nothing in the
 * document went unanswered, so a new route must come with its answers checked here.
 */
export async function exerciseEveryOperation(api: ApiHarness): Promise<void> {
  const { viewer, operator } = api.tokens;
  const post = { method: "POST" };

  // Workflows.
  await api.call(workflows.POST, {
    path: "/api/v1/workflows",
    body: { key: "cover", name: "Cover", definition: REVIEW_DEFINITION },
  });
  await api.call(workflows.POST, { path: "/api/v1/workflows", body: { key: "cover", name: "Again" } });
  await api.call(workflows.GET, { path: "/api/v1/workflows", token: viewer });
  await api.call(workflows.GET, { path: "/api/v1/workflows", token: null });
  await api.call(draft.PUT, {
    method: "PUT",
    path: "/api/v1/workflows/cover/draft",
    params: { key: "cover" },
    body: { definition: REVIEW_DEFINITION },
  });
  await api.call(draft.PUT, {
    method: "PUT",
    path: "/api/v1/workflows/ghost/draft",
    params: { key: "ghost" },
    body: { definition: REVIEW_DEFINITION },
  });
  await api.call(publish.POST, { ...post, path: "/api/v1/workflows/cover/publish", params: { key: "cover" } });
  await api.call(publish.POST, {
    ...post,
    path: "/api/v1/workflows/cover/publish",
    params: { key: "cover" },
    token: viewer,
  });
  await api.call(workflow.GET, { path: "/api/v1/workflows/cover", params: { key: "cover" } });
  await api.call(workflow.GET, { path: "/api/v1/workflows/ghost", params: { key: "ghost" } });
  await api.call(workflowTypes.GET, {
    path: "/api/v1/workflows/cover/types.ts",
    params: { key: "cover" },
    token: viewer,
  });
  await api.call(workflowTypes.GET, {
    path: "/api/v1/workflows/ghost/types.ts",
    params: { key: "ghost" },
    token: viewer,
  });
  // Analytics: a period (success, possibly empty), and a reversed one (422 INVALID_PERIOD).
  for (const [view, route] of [
    ["dwell", analyticsDwell],
    ["throughput", analyticsThroughput],
    ["paths", analyticsPaths],
    ["actions", analyticsActions],
  ] as const) {
    await api.call(route.GET, {
      path: `/api/v1/workflows/cover/analytics/${view}`,
      params: { key: "cover" },
      token: viewer,
    });
    await api.call(route.GET, {
      path: `/api/v1/workflows/cover/analytics/${view}?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z`,
      params: { key: "cover" },
      token: viewer,
    });
  }
  // People analytics are the admin's (the harness's default token); operators are refused.
  await api.call(analyticsPeople.GET, { path: "/api/v1/workflows/cover/analytics/people", params: { key: "cover" } });
  await api.call(analyticsPeople.GET, {
    path: "/api/v1/workflows/cover/analytics/people",
    params: { key: "cover" },
    token: operator,
  });
  await api.call(signingSecret.POST, {
    ...post,
    path: "/api/v1/workflows/cover/signing-secret",
    params: { key: "cover" },
    body: { graceSeconds: 60 },
  });
  await api.call(signingSecret.POST, {
    ...post,
    path: "/api/v1/workflows/cover/signing-secret",
    params: { key: "cover" },
    token: viewer,
  });

  // Documents.
  const doc = await api.call(documents.POST, {
    path: "/api/v1/documents",
    token: operator,
    body: { workflow: "cover", title: "Cover 1", content: { contentType: "text/plain", text: "hello" } },
  });
  const id: string = doc.body.id;
  const at = (suffix = "") => ({ path: `/api/v1/documents/${id}${suffix}`, params: { id } });
  const ghost = (suffix = "") => ({ path: `/api/v1/documents/${GHOST}${suffix}`, params: { id: GHOST } });
  await api.call(documents.POST, { path: "/api/v1/documents", body: { workflow: "ghost", title: "x" } });
  await api.call(documents.GET, { path: "/api/v1/documents?workflow=cover", token: viewer });
  await api.call(documents.GET, { path: "/api/v1/documents?limit=0", token: viewer });
  // History criteria: documents that took a step, or completed by a path, in a period.
  await api.call(documents.GET, {
    path: "/api/v1/documents?workflow=cover&took=%3Estart&path=start%3Edone&tookFrom=2026-01-01",
    token: viewer,
  });
  await api.call(documents.GET, { path: "/api/v1/documents?took=start", token: viewer });
  await api.call(document.GET, at());
  await api.call(document.GET, ghost());
  await api.call(content.GET, at("/content"));
  await api.call(content.GET, ghost("/content"));
  await api.call(preview.GET, at("/content/preview"));
  await api.call(content.PUT, {
    ...at("/content"),
    method: "PUT",
    rawBody: "<p>hi</p>",
    headers: { "content-type": "text/html" },
  });
  await api.call(content.PUT, {
    ...at("/content"),
    method: "PUT",
    rawBody: "x",
    headers: { "content-type": "text/plain" },
    token: viewer,
  });
  await api.call(preview.GET, at("/content/preview"));
  await api.call(history.GET, at("/history"));
  await api.call(history.GET, ghost("/history"));
  await api.call(verifyHistory.GET, { ...at("/history/verify"), token: viewer });
  await api.call(verifyHistory.GET, { ...ghost("/history/verify"), token: viewer });
  // No action runs in this workflow: both settle calls meet NOTHING_TO_SETTLE (their success is
  // covered by test/services/settle-action.test.ts and the e2e spec).
  await api.call(completeAction.POST, {
    ...at("/actions/complete"),
    token: operator,
    body: { reason: "done by hand" },
  });
  await api.call(failAction.POST, { ...at("/actions/fail"), token: operator, body: { reason: "failed by hand" } });
  // A called system's completion needs no credentials, only the token of a waiting callback
  // (its success: test/api/callback-api.test.ts, with a worker and a receiver).
  await api.call(completeAction.POST, {
    ...at("/actions/complete"),
    token: null,
    body: { callbackToken: "x".repeat(43), output: { any: "json" } },
  });
  await api.call(failAction.POST, {
    ...at("/actions/fail"),
    token: null,
    body: { reason: "no token, no credentials" },
  });
  await api.call(transitions.GET, at("/transitions"));
  await api.call(transitions.GET, ghost("/transitions"));
  await api.call(transitions.POST, { ...at("/transitions"), token: operator, body: { transition: "submit" } });
  await api.call(transitions.POST, { ...at("/transitions"), token: operator, body: { transition: "submit" } });
  await api.call(move.POST, { ...at("/move"), body: { toState: "draft", reason: "Back to start" } });
  await api.call(move.POST, { ...at("/move"), body: { toState: "draft", reason: "Again" } });
  await api.call(retry.POST, { ...at("/retry"), ...post });
  await api.call(cancelJob.POST, { ...at("/cancel"), ...post, token: operator });
  await api.call(errors.GET, { path: "/api/v1/errors", token: viewer });
  await api.call(errors.GET, { path: "/api/v1/errors?limit=0", token: viewer });
  await api.call(stats.GET, { path: "/api/v1/stats?workflow=cover", token: viewer });
  await api.call(stats.GET, { path: "/api/v1/stats?nope=1", token: viewer });
  await api.call(dashboard.GET, { path: "/api/v1/stats/dashboard", token: viewer });
  await api.call(dashboard.GET, { path: "/api/v1/stats/dashboard?nope=1", token: viewer });

  // Bulk operations.
  const selection = { action: "fire", transition: "submit", selection: { documentIds: [id] } };
  await api.call(bulkPreview.POST, { path: "/api/v1/bulk-operations/preview", token: operator, body: selection });
  await api.call(bulkPreview.POST, {
    path: "/api/v1/bulk-operations/preview",
    token: operator,
    body: { action: "fire" },
  });
  const started = await api.call(bulk.POST, { path: "/api/v1/bulk-operations", token: operator, body: selection });
  await api.call(bulk.POST, { path: "/api/v1/bulk-operations", token: viewer, body: selection });
  const bulkId: string = started.body.id;
  await api.call(bulk.GET, { path: "/api/v1/bulk-operations", token: viewer });
  await api.call(bulk.GET, { path: "/api/v1/bulk-operations?limit=0", token: viewer });
  await api.call(bulkOne.GET, { path: `/api/v1/bulk-operations/${bulkId}`, params: { id: bulkId } });
  await api.call(bulkOne.GET, { path: `/api/v1/bulk-operations/${GHOST}`, params: { id: GHOST } });
  await api.call(bulkItems.GET, { path: `/api/v1/bulk-operations/${bulkId}/items`, params: { id: bulkId } });
  await api.call(bulkItems.GET, { path: `/api/v1/bulk-operations/${GHOST}/items`, params: { id: GHOST } });
  await api.call(bulkCancel.POST, {
    ...post,
    path: `/api/v1/bulk-operations/${bulkId}/cancel`,
    params: { id: bulkId },
  });
  await api.call(bulkCancel.POST, { ...post, path: `/api/v1/bulk-operations/${GHOST}/cancel`, params: { id: GHOST } });
  // A guarded retry the runner paused (its first chunk failed again): resumed once, then not paused any more.
  const retryOp = await api.call(bulk.POST, {
    path: "/api/v1/bulk-operations",
    token: operator,
    body: { action: "retry", pauseWhenFailedAgainShare: 0.5, selection: { documentIds: [id] } },
  });
  await api.db.prisma.bulkOperation.update({
    where: { id: retryOp.body.id },
    data: {
      status: "PAUSED",
      pausedAt: new Date(),
      pauseReason: "1 of the first 1 retries failed again (more than 50%)",
    },
  });
  const resumeAt = {
    ...post,
    path: `/api/v1/bulk-operations/${retryOp.body.id}/resume`,
    params: { id: retryOp.body.id },
  };
  await api.call(bulkResume.POST, { ...resumeAt, token: operator });
  await api.call(bulkResume.POST, { ...resumeAt, token: operator });

  // Versions and migrations: publish v2 of "cover", then preview and queue a plan 1 -> 2.
  await api.call(draft.PUT, {
    method: "PUT",
    path: "/api/v1/workflows/cover/draft",
    params: { key: "cover" },
    body: { definition: REVIEW_DEFINITION },
  });
  await api.call(publish.POST, { ...post, path: "/api/v1/workflows/cover/publish", params: { key: "cover" } });
  const onCover = { params: { key: "cover" } };
  await api.call(versions.GET, { path: "/api/v1/workflows/cover/versions", ...onCover, token: viewer });
  await api.call(versions.GET, { path: "/api/v1/workflows/ghost/versions", params: { key: "ghost" } });
  const plan = { fromVersion: 1, toVersion: 2, mapping: {} };
  await api.call(migrationPreview.POST, { path: "/api/v1/workflows/cover/migrations/preview", ...onCover, body: plan });
  await api.call(migrationPreview.POST, {
    path: "/api/v1/workflows/cover/migrations/preview",
    ...onCover,
    body: { ...plan, toVersion: 1 },
  });
  await api.call(migrations.POST, { path: "/api/v1/workflows/cover/migrations", ...onCover, body: plan });
  await api.call(migrations.POST, {
    path: "/api/v1/workflows/cover/migrations",
    ...onCover,
    token: operator,
    body: plan,
  });
  const versionAt = (version: number) => ({
    path: `/api/v1/workflows/cover/versions/${version}/retire`,
    params: { key: "cover", version: String(version) },
  });
  await api.call(retireVersion.POST, { ...versionAt(1), body: { retired: true } });
  await api.call(retireVersion.POST, { ...versionAt(2), body: { retired: true } });

  // Alert rules and alerts.
  const rule = await api.call(alertRules.POST, {
    path: "/api/v1/alert-rules",
    body: { name: "Too many in review", workflow: "cover", state: "review", condition: "STATE_COUNT", threshold: 100 },
  });
  await api.call(alertRules.POST, {
    path: "/api/v1/alert-rules",
    body: { name: "x", workflow: "ghost", condition: "STATE_COUNT", threshold: 1 },
  });
  const ruleAt = { path: `/api/v1/alert-rules/${rule.body.id}`, params: { id: rule.body.id } };
  const ghostRule = { path: `/api/v1/alert-rules/${GHOST}`, params: { id: GHOST } };
  await api.call(alertRules.GET, { path: "/api/v1/alert-rules", token: viewer });
  await api.call(alertRules.GET, { path: "/api/v1/alert-rules", token: "ds_wrong" });
  await api.call(alertRule.GET, ruleAt);
  await api.call(alertRule.GET, ghostRule);
  await api.call(alertRule.PATCH, { ...ruleAt, method: "PATCH", body: { threshold: 50 } });
  await api.call(alertRule.PATCH, { ...ghostRule, method: "PATCH", body: { threshold: 50 } });
  await api.call(alertRule.DELETE, { ...ruleAt, method: "DELETE" });
  await api.call(alertRule.DELETE, { ...ghostRule, method: "DELETE" });
  await api.call(alerts.GET, { path: "/api/v1/alerts?status=all", token: viewer });
  await api.call(alerts.GET, { path: "/api/v1/alerts?status=nope", token: viewer });
  await api.call(acknowledge.POST, {
    ...post,
    path: `/api/v1/alerts/${GHOST}/acknowledge`,
    params: { id: GHOST },
    token: operator,
  });

  // Audit log (admin).
  await api.call(audit.GET, { path: "/api/v1/audit?limit=5" });
  await api.call(audit.GET, { path: "/api/v1/audit", token: viewer });
  await api.call(auditExport.GET, { path: "/api/v1/audit/export" });
  await api.call(auditExport.GET, { path: "/api/v1/audit/export", token: operator });

  // What-if replay of a draft over the documents made above (admin; no draft until one is saved).
  await api.call(replayDraft.POST, { ...post, path: "/api/v1/workflows/cover/draft/replay", params: { key: "cover" } });
  await api.call(draft.PUT, {
    method: "PUT",
    path: "/api/v1/workflows/cover/draft",
    params: { key: "cover" },
    body: { definition: REVIEW_DEFINITION },
  });
  const replayed = await api.call(replayDraft.POST, {
    ...post,
    path: "/api/v1/workflows/cover/draft/replay",
    params: { key: "cover" },
    body: { days: 1, limit: 100 },
  });
  expect(replayed.body).toMatchObject({ workflow: "cover", truncated: false, removedTransitions: [] });
  expect(replayed.body.documents).toBeGreaterThan(0);
  await api.call(replayDraft.POST, {
    ...post,
    path: "/api/v1/workflows/cover/draft/replay",
    params: { key: "cover" },
    token: operator,
  });

  // Outside v1.
  await api.call(health.GET, { path: "/api/health", token: null });
  await api.call(openapi.GET, { path: "/api/v1/openapi.json", token: null });
  await api.call(metrics.GET, { path: "/api/metrics", token: viewer });
  await api.call(metrics.GET, { path: "/api/metrics", token: null });

  const paths = (buildOpenApiDocument() as { paths: Record<string, Record<string, unknown>> }).paths;
  const answered = [...checkedAnswers];
  const missing: string[] = [];
  for (const [template, item] of Object.entries(paths))
    for (const method of Object.keys(item).map((m) => m.toUpperCase())) {
      const statuses = answered.filter((a) => a.startsWith(`${method} ${template} `)).map((a) => a.split(" ")[2]!);
      const kinds = new Set<string>(statuses.map((s) => (s.startsWith("2") ? "success" : "error")));
      // Public reads with no error a test can cause (short of stopping the database).
      const needed = ["/api/health", "/api/v1/openapi.json"].includes(template) ? ["success"] : ["success", "error"];
      for (const kind of needed) if (!kinds.has(kind)) missing.push(`${method} ${template}: no ${kind} answer checked`);
    }
  // Operations that only fail here need a document with a running, waiting or failed action:
  // the acknowledge, retry, cancel, complete and fail successes are covered by their own
  // service tests.
  const expectedGaps = [
    "POST /api/v1/alerts/{id}/acknowledge: no success answer checked",
    "POST /api/v1/documents/{id}/retry: no success answer checked",
    "POST /api/v1/documents/{id}/cancel: no success answer checked",
    "POST /api/v1/documents/{id}/actions/complete: no success answer checked",
    "POST /api/v1/documents/{id}/actions/fail: no success answer checked",
  ];
  expect(missing.sort()).toEqual(expectedGaps.sort());
}

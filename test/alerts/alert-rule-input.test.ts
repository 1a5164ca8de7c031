import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as rulesRoute from "../../app/api/v1/alert-rules/route";
import * as ruleRoute from "../../app/api/v1/alert-rules/[id]/route";
import * as alertsRoute from "../../app/api/v1/alerts/route";
import * as ackRoute from "../../app/api/v1/alerts/[id]/acknowledge/route";
import * as metricsRoute from "../../app/api/metrics/route";
import { acknowledgeAlert } from "../../lib/services/alerts/acknowledge-alert";
import { createAlertRule } from "../../lib/services/alerts/create-alert-rule";
import { deleteAlertRule } from "../../lib/services/alerts/delete-alert-rule";
import { updateAlertRule } from "../../lib/services/alerts/update-alert-rule";
import { ADMIN, OPERATOR, VIEWER, publishedWorkflow } from "../helpers/fixtures";
import { openApiHarness, type ApiHarness } from "../api/api-harness";

const VALID = {
  name: "Backlog",
  workflow: "invoices",
  state: "review",
  condition: "STATE_COUNT",
  threshold: 10,
} as const;

describe("alert rules: bad input and authorization (PostgreSQL, service and REST API)", () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await openApiHarness("postgres");
    await publishedWorkflow(api.db, "invoices");
  });
  afterAll(async () => {
    await api?.close();
  });

  const counts = async () => ({
    rules: await api.db.prisma.alertRule.count(),
    audit: await api.db.prisma.auditLog.count({ where: { entityType: "alert_rule" } }),
  });
  const create = (input: Record<string, unknown>, allowedHosts = "") =>
    createAlertRule(api.db, ADMIN, { ...VALID, ...input } as never, { allowedHosts });

  it.each([
    ["a negative threshold", { threshold: -1 }, "VALIDATION_FAILED", "threshold", /cannot be negative/],
    ["a fractional document count", { threshold: 2.5 }, "VALIDATION_FAILED", "threshold", /whole number/],
    [
      "a failure rate above 100%",
      { condition: "FAILURE_RATE", state: null, threshold: 120 },
      "VALIDATION_FAILED",
      "threshold",
      /above 100%/,
    ],
    ["an empty name", { name: "   " }, "VALIDATION_FAILED", "name", /Enter a name/],
    ["an unknown workflow", { workflow: "nope" }, "WORKFLOW_NOT_FOUND", "workflow", /No workflow with key "nope"/],
    ["an unknown state", { state: "limbo" }, "UNKNOWN_STATE", "state", /no state "limbo"/],
    ["a state count without a state", { state: null }, "VALIDATION_FAILED", "state", /Choose the state/],
    [
      "a non-error state for error counts",
      { condition: "ERROR_STATE_COUNT" },
      "UNKNOWN_STATE",
      "state",
      /not an error state/,
    ],
    [
      "a state without SLA for over-SLA counts",
      { condition: "OVER_SLA_COUNT" },
      "UNKNOWN_STATE",
      "state",
      /has no SLA/,
    ],
    [
      "a non-http webhook",
      { webhookUrl: "ftp://hooks.example.com/x" },
      "VALIDATION_FAILED",
      "webhookUrl",
      /http:\/\/ or https:\/\//,
    ],
    [
      "a loopback webhook",
      { webhookUrl: "http://127.0.0.1:9/hook" },
      "VALIDATION_FAILED",
      "webhookUrl",
      /DOCSTATE_WEBHOOK_ALLOWED_HOSTS/,
    ],
    [
      "a cloud-metadata webhook",
      { webhookUrl: "http://169.254.169.254/latest" },
      "VALIDATION_FAILED",
      "webhookUrl",
      /linkLocal/,
    ],
    [
      "a private-network webhook",
      { webhookUrl: "https://10.1.2.3/hook" },
      "VALIDATION_FAILED",
      "webhookUrl",
      /private/,
    ],
  ])("refuses %s with a typed error on the field, writing nothing", async (_what, input, code, field, message) => {
    const before = await counts();
    const error = await create(input).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code,
      fieldErrors: [expect.objectContaining({ path: field, message: expect.stringMatching(message) })],
    });
    expect(await counts()).toEqual(before);
  });

  it("accepts a loopback webhook once its host is allow-listed", async () => {
    const rule = await create({ name: "Local receiver", webhookUrl: "http://127.0.0.1:9/hook" }, "127.0.0.1");
    expect(rule).toMatchObject({ name: "Local receiver", webhookUrl: "http://127.0.0.1:9/hook", isEnabled: true });
    await deleteAlertRule(api.db, ADMIN, { id: rule.id });
  });

  it("a bad edit leaves the rule as it was", async () => {
    const rule = await create({ name: "Stable" });
    await expect(updateAlertRule(api.db, ADMIN, { id: rule.id, threshold: -5 })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await expect(updateAlertRule(api.db, ADMIN, { id: rule.id, state: "limbo" })).rejects.toMatchObject({
      code: "UNKNOWN_STATE",
    });
    expect(await api.db.prisma.alertRule.findUniqueOrThrow({ where: { id: rule.id } })).toMatchObject({
      threshold: 10,
      state: "review",
    });
    await deleteAlertRule(api.db, ADMIN, { id: rule.id });
  });

  it("only admins change rules; viewers cannot create, operators cannot edit, viewers cannot acknowledge", async () => {
    const before = await counts();
    await expect(createAlertRule(api.db, VIEWER, VALID)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createAlertRule(api.db, OPERATOR, VALID)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts()).toEqual(before);
    const rule = await create({ name: "Guarded" });
    await expect(updateAlertRule(api.db, OPERATOR, { id: rule.id, isEnabled: false })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(deleteAlertRule(api.db, VIEWER, { id: rule.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const alert = await api.db.prisma.alert.create({
      data: { ruleId: rule.id, activeRuleId: rule.id, openedValue: 11, lastValue: 11, threshold: 10 },
    });
    await expect(acknowledgeAlert(api.db, VIEWER, { id: alert.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A second active alert for the same rule is impossible at the database level.
    await expect(
      api.db.prisma.alert.create({
        data: { ruleId: rule.id, activeRuleId: rule.id, openedValue: 1, lastValue: 1, threshold: 10 },
      }),
    ).rejects.toThrow();
    await deleteAlertRule(api.db, ADMIN, { id: rule.id });
  });

  describe("REST API", () => {
    it("creates, lists, edits and deletes a rule as admin", async () => {
      const created = await api.call(rulesRoute.POST, {
        path: "/api/v1/alert-rules",
        body: { ...VALID, name: "Via API", webhookUrl: "https://hooks.example.com/docstate" },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: "Via API",
        workflow: "invoices",
        state: "review",
        condition: "STATE_COUNT",
        threshold: 10,
        activeAlert: null,
      });
      const id = created.body.id as string;
      const listed = await api.call(rulesRoute.GET, { path: "/api/v1/alert-rules", token: api.tokens.viewer });
      expect(listed.status).toBe(200);
      // Viewers see where a webhook goes, not its path (it may carry a secret).
      expect(listed.body.items.find((r: { id: string }) => r.id === id).webhookUrl).toBe("https://hooks.example.com/…");
      const patched = await api.call(ruleRoute.PATCH, {
        method: "PATCH",
        path: `/api/v1/alert-rules/${id}`,
        params: { id },
        body: { threshold: 25, isEnabled: false },
      });
      expect(patched.body).toMatchObject({ threshold: 25, isEnabled: false, name: "Via API" });
      const removed = await api.call(ruleRoute.DELETE, {
        method: "DELETE",
        path: `/api/v1/alert-rules/${id}`,
        params: { id },
      });
      expect(removed.status).toBe(200);
      expect((await api.call(ruleRoute.GET, { path: `/api/v1/alert-rules/${id}`, params: { id } })).status).toBe(404);
    });

    it("answers bad input and missing rights with problem+json", async () => {
      const negative = await api.call(rulesRoute.POST, {
        path: "/api/v1/alert-rules",
        body: { ...VALID, threshold: -3 },
      });
      expect(negative.status).toBe(400);
      expect(negative.headers.get("content-type")).toBe("application/problem+json");
      expect(negative.body).toMatchObject({
        code: "VALIDATION_FAILED",
        errors: [{ path: "body.threshold", message: "The threshold cannot be negative." }],
      });
      const rate = await api.call(rulesRoute.POST, {
        path: "/api/v1/alert-rules",
        body: { ...VALID, state: null, condition: "FAILURE_RATE", threshold: 101 },
      });
      expect(rate.body).toMatchObject({
        status: 400,
        errors: [{ path: "body.threshold", message: "A failure rate cannot be above 100%." }],
      });
      const unknown = await api.call(rulesRoute.POST, {
        path: "/api/v1/alert-rules",
        body: { ...VALID, workflow: "ghost" },
      });
      expect(unknown).toMatchObject({
        status: 404,
        body: { code: "WORKFLOW_NOT_FOUND", errors: [{ path: "workflow" }] },
      });
      const badState = await api.call(rulesRoute.POST, {
        path: "/api/v1/alert-rules",
        body: { ...VALID, state: "limbo" },
      });
      expect(badState).toMatchObject({ status: 422, body: { code: "UNKNOWN_STATE" } });
      const privateHook = await api.call(rulesRoute.POST, {
        path: "/api/v1/alert-rules",
        body: { ...VALID, webhookUrl: "http://192.168.1.10/hook" },
      });
      expect(privateHook).toMatchObject({
        status: 400,
        body: { code: "VALIDATION_FAILED", errors: [{ path: "webhookUrl" }] },
      });
      const viewer = await api.call(rulesRoute.POST, {
        path: "/api/v1/alert-rules",
        token: api.tokens.viewer,
        body: VALID,
      });
      expect(viewer).toMatchObject({ status: 403, body: { code: "FORBIDDEN" } });
      const operator = await api.call(rulesRoute.POST, {
        path: "/api/v1/alert-rules",
        token: api.tokens.operator,
        body: VALID,
      });
      expect(operator.status).toBe(403);
      expect(await api.db.prisma.alertRule.count()).toBe(0);
    });

    it("lists alerts for any role and lets operators acknowledge", async () => {
      const rule = await create({ name: "Ack me" });
      const alert = await api.db.prisma.alert.create({
        data: { ruleId: rule.id, activeRuleId: rule.id, openedValue: 11, lastValue: 11, threshold: 10 },
      });
      const listed = await api.call(alertsRoute.GET, { path: "/api/v1/alerts?status=open", token: api.tokens.viewer });
      expect(listed.body.items).toEqual([
        expect.objectContaining({ id: alert.id, status: "OPEN", rule: expect.objectContaining({ name: "Ack me" }) }),
      ]);
      const byViewer = await api.call(ackRoute.POST, {
        method: "POST",
        path: `/api/v1/alerts/${alert.id}/acknowledge`,
        params: { id: alert.id },
        token: api.tokens.viewer,
      });
      expect(byViewer.status).toBe(403);
      const byOperator = await api.call(ackRoute.POST, {
        method: "POST",
        path: `/api/v1/alerts/${alert.id}/acknowledge`,
        params: { id: alert.id },
        token: api.tokens.operator,
      });
      expect(byOperator).toMatchObject({
        status: 200,
        body: { status: "ACKNOWLEDGED", acknowledgedBy: "token:operator" },
      });
      const badFilter = await api.call(alertsRoute.GET, { path: "/api/v1/alerts?status=sleeping" });
      expect(badFilter.status).toBe(400);

      // The alert-states gauge: 1 for the state the rule's alert is in, 0 for the other.
      const scrape = await metricsRoute.GET(
        new Request("http://localhost/api/metrics", { headers: { authorization: `Bearer ${api.tokens.viewer}` } }),
      );
      const families = parsePrometheusTextFormat(await scrape.text()) as {
        name: string;
        metrics: { labels?: Record<string, string>; value?: string }[];
      }[];
      const gauge = families.find((f) => f.name === "docstate_alerts")!;
      const series = gauge.metrics
        .filter((m) => m.labels?.rule_id === rule.id)
        .map((m) => [m.labels!.status, m.labels!.rule, m.labels!.workflow, m.value]);
      expect(series.sort()).toEqual([
        ["acknowledged", "Ack me", "invoices", "1"],
        ["open", "Ack me", "invoices", "0"],
      ]);
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as signingSecret from "../../app/api/v1/workflows/[key]/signing-secret/route";
import {
  getInstallSecret,
  resetInstallSecretCache,
  resolveSigningSecrets,
} from "../../lib/services/webhooks/signing-secrets";
import { openApiHarness, type ApiHarness } from "../api/api-harness";
import { publishedWorkflow } from "../helpers/fixtures";

describe("webhook signing secrets (PostgreSQL)", () => {
  let api: ApiHarness;
  beforeAll(async () => {
    resetInstallSecretCache();
    api = await openApiHarness("postgres");
    await publishedWorkflow(api.db, "invoices");
  });
  afterAll(async () => api?.close());

  const rotate = (body: unknown, token?: string) =>
    api.call(signingSecret.POST, {
      method: "POST",
      path: "/api/v1/workflows/invoices/signing-secret",
      params: { key: "invoices" },
      body,
      token,
    });
  const secretsAt = (now: Date, configuredSecret?: string) =>
    resolveSigningSecrets(api.db, { workflowKey: "invoices", configuredSecret, now });

  it("with nothing configured, webhooks are signed by one generated install secret", async () => {
    const first = await secretsAt(new Date());
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(/^whsec_[\w-]{43}$/);
    resetInstallSecretCache();
    expect(await getInstallSecret(api.db)).toBe(first[0]);
    // A configured DOCSTATE_WEBHOOK_SECRET takes its place.
    expect(await secretsAt(new Date(), "configured")).toEqual(["configured"]);
  });

  it("only admins generate a workflow's secret, shown once; a rotation keeps the old one for the grace period", async () => {
    expect((await rotate({}, api.tokens.operator)).status).toBe(403);
    const first = await rotate({});
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ secret: expect.stringMatching(/^whsec_/), previousValidUntil: null });
    expect(await secretsAt(new Date(), "configured")).toEqual([first.body.secret]);

    const second = await rotate({ graceSeconds: 3600 });
    expect(second.status).toBe(201);
    const graceEnd = new Date(second.body.previousValidUntil);
    expect(await secretsAt(new Date())).toEqual([second.body.secret, first.body.secret]);
    expect(await secretsAt(new Date(graceEnd.getTime() + 1000))).toEqual([second.body.secret]);

    const third = await rotate({ graceSeconds: 0 });
    expect(await secretsAt(new Date())).toEqual([third.body.secret]);
    const audit = await api.db.prisma.auditLog.count({ where: { action: "workflow.signing_secret_rotate" } });
    expect(audit).toBe(3);
    const stored = await api.db.prisma.auditLog.findMany({
      where: { action: "workflow.signing_secret_rotate" },
      select: { details: true },
    });
    expect(JSON.stringify(stored)).not.toContain(third.body.secret);
  });

  it("refuses bad input with a typed answer", async () => {
    expect((await rotate({ graceSeconds: -1 })).body).toMatchObject({ status: 400, code: "VALIDATION_FAILED" });
    const missing = await api.call(signingSecret.POST, {
      method: "POST",
      path: "/api/v1/workflows/nope/signing-secret",
      params: { key: "nope" },
      body: {},
    });
    expect(missing.body).toMatchObject({ status: 404, code: "WORKFLOW_NOT_FOUND" });
  });
});

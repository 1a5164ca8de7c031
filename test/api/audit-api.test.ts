import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as audit from "../../app/api/v1/audit/route";
import * as auditExport from "../../app/api/v1/audit/export/route";
import * as verify from "../../app/api/v1/documents/[id]/history/verify/route";
import * as move from "../../app/api/v1/documents/[id]/move/route";
import * as documents from "../../app/api/v1/documents/route";
import * as workflows from "../../app/api/v1/workflows/route";
import * as publish from "../../app/api/v1/workflows/[key]/publish/route";
import { REVIEW_DEFINITION } from "../helpers/fixtures";
import { openApiHarness, type ApiHarness } from "./api-harness";

/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted field by field */
describe("GET /api/v1/audit, its CSV export and history verification (PostgreSQL)", () => {
  let api: ApiHarness;
  let docId: string;
  const expectProblem = (res: { status: number; headers: Headers; body: any }, status: number, code: string) => {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  };

  beforeAll(async () => {
    api = await openApiHarness("postgres");
    const from = { "x-forwarded-for": "198.51.100.7, 203.0.113.9" };
    for (const key of ["alpha", "beta", "gamma"]) {
      const created = await api.call(workflows.POST, {
        path: "/api/v1/workflows",
        headers: from,
        body: { key, name: key, definition: REVIEW_DEFINITION },
      });
      expect(created.status).toBe(201);
    }
    await api.call(publish.POST, { path: "/api/v1/workflows/alpha/publish", params: { key: "alpha" }, method: "POST" });
    const doc = await api.call(documents.POST, { path: "/api/v1/documents", body: { workflow: "alpha", title: "t" } });
    docId = doc.body.id;
  });
  afterAll(async () => api?.close());

  it("lists newest first with who, what, target and from where", async () => {
    const res = await api.call(audit.GET, { path: "/api/v1/audit?action=workflow.create" });
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: any) => e.details?.key ?? e.target.id)).toHaveLength(3);
    expect(res.body.items[0]).toMatchObject({
      action: "workflow.create",
      actor: { type: "API", name: expect.stringContaining("admin") },
      target: { type: "workflow" },
      // The last X-Forwarded-For entry is the hop that reached us; earlier ones are claims.
      clientAddress: "203.0.113.9",
    });
    const times = res.body.items.map((e: any) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(res.body.nextCursor).toBeNull();
  });

  it("pages with a keyset cursor without repeats or gaps, and filters by actor, target and date", async () => {
    const all = await api.call(audit.GET, { path: "/api/v1/audit?limit=200" });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const page = await api.call(audit.GET, { path: `/api/v1/audit${query}` });
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((e: any) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((e: any) => e.id));
    expect(seen.length).toBeGreaterThan(4);

    const publishEntry = all.body.items.find((e: any) => e.action === "workflow.publish");
    const byTarget = await api.call(audit.GET, {
      path: `/api/v1/audit?targetType=workflow&target=${publishEntry.target.id}`,
    });
    expect(byTarget.body.items.map((e: any) => e.action).sort()).toEqual(["workflow.create", "workflow.publish"]);
    const byActor = await api.call(audit.GET, {
      path: `/api/v1/audit?actor=${encodeURIComponent("nobody@example.org")}`,
    });
    expect(byActor.body.items).toEqual([]);
    const future = await api.call(audit.GET, { path: "/api/v1/audit?from=2999-01-01" });
    expect(future.body.items).toEqual([]);
    const today = new Date().toISOString().slice(0, 10);
    const inDay = await api.call(audit.GET, {
      path: `/api/v1/audit?from=${today}&to=${today}&action=workflow.publish`,
    });
    expect(inDay.body.items).toHaveLength(1);
  });

  it("records a forced move, written by the state change's own statement, with its address", async () => {
    const moved = await api.call(move.POST, {
      path: `/api/v1/documents/${docId}/move`,
      params: { id: docId },
      headers: { "x-forwarded-for": "2001:db8::7" },
      body: { toState: "review", reason: "audit test" },
    });
    expect(moved.status).toBe(200);
    const res = await api.call(audit.GET, { path: `/api/v1/audit?action=document.move&target=${docId}` });
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      target: { type: "document", id: docId },
      details: { from: "draft", to: "review", reason: "audit test" },
      clientAddress: "2001:db8::7",
    });
  });

  it("is for admins only", async () => {
    expectProblem(await api.call(audit.GET, { path: "/api/v1/audit", token: api.tokens.viewer }), 403, "FORBIDDEN");
    expectProblem(await api.call(audit.GET, { path: "/api/v1/audit", token: api.tokens.operator }), 403, "FORBIDDEN");
    expectProblem(
      await api.call(auditExport.GET, { path: "/api/v1/audit/export", token: api.tokens.operator }),
      403,
      "FORBIDDEN",
    );
    expectProblem(await api.call(audit.GET, { path: "/api/v1/audit", token: null }), 401, "UNAUTHENTICATED");
  });

  it("answers bad input with problem+json", async () => {
    for (const query of [
      "limit=0",
      "limit=201",
      "limit=ten",
      "from=yesterday",
      "from=2026-12-06&to=2026-12-01",
      "cursor=not-a-cursor",
      `cursor=${Buffer.from('["2026-01-01T00:00:00.000Z","1; DROP"]').toString("base64url")}`,
      "actor=%00admin",
      "action=a%0Ab",
      `target=${"x".repeat(201)}`,
      "unknown=1",
    ]) {
      expectProblem(await api.call(audit.GET, { path: `/api/v1/audit?${query}` }), 400, "VALIDATION_FAILED");
    }
    expectProblem(await api.call(auditExport.GET, { path: "/api/v1/audit/export?to=%00" }), 400, "VALIDATION_FAILED");
  });

  it("exports the filtered log as CSV", async () => {
    const res = await api.call(auditExport.GET, { path: "/api/v1/audit/export?action=workflow.create" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="docstate-audit-/);
    const lines = (res.body as string).trimEnd().split("\r\n");
    expect(lines[0]).toBe("at,actor_type,actor,action,target_type,target,client_address,details");
    expect(lines).toHaveLength(4);
    expect(lines.every((line, i) => i === 0 || line.includes(",workflow.create,workflow,"))).toBe(true);
  });

  it("verifies a document's history for viewers, 404 for an unknown document, 400 for a NUL in the id", async () => {
    const ok = await api.call(verify.GET, {
      path: `/api/v1/documents/${docId}/history/verify`,
      params: { id: docId },
      token: api.tokens.viewer,
    });
    expect(ok).toMatchObject({ status: 200, body: { ok: true, checked: 2 } });
    const missing = "00000000-0000-4000-8000-000000000000";
    expectProblem(
      await api.call(verify.GET, { path: `/api/v1/documents/${missing}/history/verify`, params: { id: missing } }),
      404,
      "DOCUMENT_NOT_FOUND",
    );
    expectProblem(
      await api.call(verify.GET, { path: "/api/v1/documents/x%00/history/verify", params: { id: "x\u0000" } }),
      400, // a NUL anywhere is refused at the edge, before any lookup
      "VALIDATION_FAILED",
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as bulk from "../../app/api/v1/bulk-operations/route";
import * as preview from "../../app/api/v1/bulk-operations/preview/route";
import * as operation from "../../app/api/v1/bulk-operations/[id]/route";
import * as items from "../../app/api/v1/bulk-operations/[id]/items/route";
import * as cancel from "../../app/api/v1/bulk-operations/[id]/cancel/route";
import * as documents from "../../app/api/v1/documents/route";
import * as transitions from "../../app/api/v1/documents/[id]/transitions/route";
import { createBulkRunner } from "../../lib/worker/bulk-runner";
import { publishedWorkflow } from "../helpers/fixtures";
import { openApiHarness, type ApiHarness } from "./api-harness";

describe("bulk operations API on postgres", () => {
  let api: ApiHarness;
  const ids: string[] = [];

  beforeAll(async () => {
    api = await openApiHarness("postgres");
    await publishedWorkflow(api.db, "bulk-api");
    for (let i = 0; i < 6; i += 1) {
      const created = await api.call(documents.POST, {
        path: "/api/v1/documents",
        token: api.tokens.operator,
        body: { workflow: "bulk-api", title: `Bulk ${i}`, metadata: i < 2 ? { invoiceNumber: `N${i}` } : {} },
      });
      await api.call(transitions.POST, {
        path: `/api/v1/documents/${created.body.id}/transitions`,
        token: api.tokens.operator,
        params: { id: created.body.id },
        body: { transition: "submit" },
      });
      ids.push(created.body.id);
    }
  });
  afterAll(async () => api?.close());

  const approveAll = {
    action: "fire",
    transition: "approve",
    selection: { filter: { workflow: "bulk-api", state: "review" } },
  };

  it("previews without writing, runs as a tracked operation and lists refusals per document", async () => {
    const dry = await api.call(preview.POST, {
      path: "/api/v1/bulk-operations/preview",
      token: api.tokens.operator,
      body: approveAll,
    });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ total: 6, eligible: 2, refused: [{ code: "GUARD_FAILED", count: 4 }] });

    const started = await api.call(bulk.POST, {
      path: "/api/v1/bulk-operations",
      token: api.tokens.operator,
      body: approveAll,
    });
    expect(started.status).toBe(202);
    expect(started.headers.get("location")).toBe(`/api/v1/bulk-operations/${started.body.id}`);
    expect(started.body).toMatchObject({
      action: "fire",
      status: "queued",
      total: 6,
      processed: 0,
      filter: { workflow: "bulk-api", state: "review" },
    });

    expect(await createBulkRunner({ db: api.db }).runOnce()).toBe("completed");
    const done = await api.call(operation.GET, {
      path: `/api/v1/bulk-operations/${started.body.id}`,
      token: api.tokens.viewer,
      params: { id: started.body.id },
    });
    expect(done.body).toMatchObject({
      status: "completed",
      processed: 6,
      succeeded: 2,
      failed: 4,
      createdBy: { type: "api", name: "token:operator" },
    });
    const failed = await api.call(items.GET, {
      path: `/api/v1/bulk-operations/${started.body.id}/items?status=failed&limit=3`,
      token: api.tokens.viewer,
      params: { id: started.body.id },
    });
    expect(failed.body.items).toHaveLength(3);
    expect(failed.body.items[0]).toMatchObject({ status: "failed", code: "GUARD_FAILED" });
    const rest = await api.call(items.GET, {
      path: `/api/v1/bulk-operations/${started.body.id}/items?status=failed&after=${failed.body.nextAfterSeq}`,
      token: api.tokens.viewer,
      params: { id: started.body.id },
    });
    expect(rest.body).toMatchObject({ nextAfterSeq: null });
    expect(rest.body.items).toHaveLength(1);

    const list = await api.call(bulk.GET, { path: "/api/v1/bulk-operations", token: api.tokens.viewer });
    expect(list.body.items.map((o: { id: string }) => o.id)).toContain(started.body.id);
    const again = await api.call(cancel.POST, {
      method: "POST",
      path: `/api/v1/bulk-operations/${started.body.id}/cancel`,
      token: api.tokens.operator,
      params: { id: started.body.id },
    });
    expect(again).toMatchObject({ status: 409, body: { code: "CONFLICT" } });
  });

  it("answers bad requests with problem+json and writes nothing", async () => {
    const before = await api.db.prisma.bulkOperation.count();
    const post = (body: unknown, token = api.tokens.operator) =>
      api.call(bulk.POST, { path: "/api/v1/bulk-operations", token, body });

    const viewer = await post(approveAll, api.tokens.viewer);
    expect(viewer).toMatchObject({ status: 403, body: { code: "FORBIDDEN" } });
    expect(viewer.headers.get("content-type")).toContain("application/problem+json");
    expect(await post({ ...approveAll, action: "move", toState: "draft", reason: "x" })).toMatchObject({ status: 403 });
    const noReason = await post(
      { action: "move", toState: "draft", selection: { documentIds: ids } },
      api.tokens.admin,
    );
    expect(noReason).toMatchObject({
      status: 400,
      body: { code: "VALIDATION_FAILED", errors: [{ path: "body.reason" }] },
    });
    expect(await post({ action: "fire", selection: { documentIds: ids } })).toMatchObject({
      status: 400,
      body: { errors: [{ path: "body.transition" }] },
    });
    expect(await post({ action: "explode", selection: { documentIds: ids } })).toMatchObject({ status: 400 });
    expect(await post({ action: "retry", selection: {} })).toMatchObject({ status: 400 });
    expect(await post({ action: "retry", selection: { documentIds: ["nope"] } })).toMatchObject({ status: 400 });
    const tooMany = Array.from({ length: 10_001 }, () => ids[0]!);
    expect(await post({ action: "retry", selection: { documentIds: tooMany } })).toMatchObject({
      status: 400,
      body: { detail: expect.stringContaining("at most 10,000") },
    });
    expect(
      await post({ ...approveAll, selection: { filter: { workflow: "bulk-api", state: "rejected" } } }),
    ).toMatchObject({ status: 422, body: { code: "EMPTY_SELECTION" } });
    expect(await post({ ...approveAll, selection: { filter: { workflow: "missing" } } })).toMatchObject({
      status: 404,
      body: { code: "WORKFLOW_NOT_FOUND" },
    });
    expect(await post({ ...approveAll, selection: { filter: { createdFrom: "last week" } } })).toMatchObject({
      status: 400,
    });
    const malformed = await api.call(bulk.POST, {
      path: "/api/v1/bulk-operations",
      token: api.tokens.operator,
      rawBody: "{",
      headers: { "content-type": "application/json" },
    });
    expect(malformed).toMatchObject({ status: 400, body: { code: "MALFORMED_JSON" } });
    expect(await api.db.prisma.bulkOperation.count()).toBe(before);

    expect(
      await api.call(operation.GET, { path: "/api/v1/bulk-operations/not-an-id", params: { id: "not-an-id" } }),
    ).toMatchObject({ status: 404 });
    const unknownId = "0190c1f2-0000-7000-8000-000000000000";
    expect(
      await api.call(cancel.POST, {
        method: "POST",
        path: `/api/v1/bulk-operations/${unknownId}/cancel`,
        params: { id: unknownId },
      }),
    ).toMatchObject({ status: 404 });
    expect(await api.call(bulk.GET, { path: "/api/v1/bulk-operations", token: null })).toMatchObject({ status: 401 });
  });
});

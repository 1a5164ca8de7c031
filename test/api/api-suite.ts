import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as workflows from "../../app/api/v1/workflows/route";
import * as workflow from "../../app/api/v1/workflows/[key]/route";
import * as draft from "../../app/api/v1/workflows/[key]/draft/route";
import * as publish from "../../app/api/v1/workflows/[key]/publish/route";
import * as documents from "../../app/api/v1/documents/route";
import * as document from "../../app/api/v1/documents/[id]/route";
import * as content from "../../app/api/v1/documents/[id]/content/route";
import * as history from "../../app/api/v1/documents/[id]/history/route";
import * as transitions from "../../app/api/v1/documents/[id]/transitions/route";
import * as move from "../../app/api/v1/documents/[id]/move/route";
import * as retry from "../../app/api/v1/documents/[id]/retry/route";
import * as stats from "../../app/api/v1/stats/route";
import * as openapi from "../../app/api/v1/openapi.json/route";
import * as unknown from "../../app/api/v1/[...path]/route";
import { REVIEW_DEFINITION } from "../helpers/fixtures";
import type { TestDbKind } from "../helpers/test-database";
import { openApiHarness, type ApiHarness, type ApiHost } from "./api-harness";
import { exerciseEveryOperation } from "./api-coverage-suite";

/** The API v1 contract, run against one database kind. */
export function defineApiSuite(kind: TestDbKind, host: ApiHost = "handlers") {
  describe(`API v1 on ${kind}${host === "standalone" ? ", through the standalone API host" : ""}`, () => {
    let api: ApiHarness;
    let docId: string;
    beforeAll(async () => {
      api = await openApiHarness(kind, { host });
    });
    afterAll(async () => api?.close());

    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- problem bodies are checked field by field
    const expectProblem = (res: { status: number; headers: Headers; body: any }, status: number, code: string) => {
      expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.body).toMatchObject({
        type: expect.any(String),
        title: expect.any(String),
        detail: expect.any(String),
      });
    };

    it("creates and publishes a workflow, then a document moves through it", async () => {
      const created = await api.call(workflows.POST, {
        path: "/api/v1/workflows",
        body: { key: "review", name: "Review", definition: REVIEW_DEFINITION },
      });
      expect(created.status).toBe(201);
      const published = await api.call(publish.POST, {
        path: "/api/v1/workflows/review/publish",
        params: { key: "review" },
        method: "POST",
      });
      expect(published).toMatchObject({ status: 200, body: { version: 1 } });
      const listed = await api.call(workflows.GET, { path: "/api/v1/workflows", token: api.tokens.viewer });
      expect(listed.body.items.map((w: { key: string }) => w.key)).toEqual(["review"]);

      const doc = await api.call(documents.POST, {
        path: "/api/v1/documents",
        token: api.tokens.operator,
        body: {
          workflow: "review",
          title: "Invoice 7",
          metadata: { invoiceNumber: "INV-7" },
          externalRef: "erp-7",
          content: { contentType: "text/plain", text: "hello" },
        },
      });
      expect(doc.status).toBe(201);
      expect(doc.body).toMatchObject({
        workflow: "review",
        workflowVersion: 1,
        state: "draft",
        version: 1,
        externalRef: "erp-7",
        job: null,
        content: { contentType: "text/plain", size: 5 },
      });
      docId = doc.body.id;
      const again = await api.call(documents.POST, {
        path: "/api/v1/documents",
        token: api.tokens.operator,
        body: { workflow: "review", title: "dup", externalRef: "erp-7" },
      });
      expect({ status: again.status, id: again.body.id }).toEqual({ status: 200, id: docId });

      const fired = await api.call(transitions.POST, {
        path: `/api/v1/documents/${docId}/transitions`,
        params: { id: docId },
        token: api.tokens.operator,
        body: { transition: "submit", expectedVersion: 1, idempotencyKey: "once" },
      });
      expect(fired).toMatchObject({
        status: 200,
        body: {
          event: { seq: 2, from: "draft", to: "review" },
          document: { state: "review", version: 2 },
          replayed: false,
        },
      });
      const replay = await api.call(transitions.POST, {
        path: `/api/v1/documents/${docId}/transitions`,
        params: { id: docId },
        token: api.tokens.operator,
        body: { transition: "submit", expectedVersion: 1, idempotencyKey: "once" },
      });
      expect(replay.body.event).toEqual(fired.body.event);
      expect(replay.headers.get("idempotent-replayed")).toBe("true");

      const got = await api.call(document.GET, {
        path: `/api/v1/documents/${docId}`,
        params: { id: docId },
        token: api.tokens.viewer,
      });
      expect(got.body).toMatchObject({ id: docId, state: "review", version: 2 });
      const events = await api.call(history.GET, {
        path: `/api/v1/documents/${docId}/history?order=desc`,
        params: { id: docId },
      });
      expect(events.body.items.map((e: { seq: number; type: string }) => [e.seq, e.type])).toEqual([
        [2, "TRANSITION"],
        [1, "CREATED"],
      ]);
      const body = await api.call(content.GET, { path: `/api/v1/documents/${docId}/content`, params: { id: docId } });
      expect(body).toMatchObject({ status: 200, body: "hello" });
      expect(body.headers.get("content-type")).toBe("text/plain");

      const replaced = await api.call(content.PUT, {
        path: `/api/v1/documents/${docId}/content?expectedVersion=2`,
        params: { id: docId },
        method: "PUT",
        rawBody: "%PDF-1.7 fake",
        headers: { "content-type": "application/pdf" },
        token: api.tokens.operator,
      });
      expect(replaced).toMatchObject({ status: 200, body: { version: 3, size: 13 } });
      expectProblem(
        await api.call(content.PUT, {
          path: `/api/v1/documents/${docId}/content?expectedVersion=2`,
          params: { id: docId },
          method: "PUT",
          rawBody: "again",
          headers: { "content-type": "text/plain" },
        }),
        409,
        "STALE_VERSION",
      );
      const newBody = await api.call(content.GET, {
        path: `/api/v1/documents/${docId}/content`,
        params: { id: docId },
      });
      expect({ type: newBody.headers.get("content-type"), body: newBody.body }).toEqual({
        type: "application/pdf",
        body: "%PDF-1.7 fake",
      });
      const last = await api.call(history.GET, {
        path: `/api/v1/documents/${docId}/history?order=desc`,
        params: { id: docId },
      });
      expect(last.body.items[0]).toMatchObject({
        seq: 3,
        type: "CONTENT_UPDATED",
        details: { contentType: "application/pdf", size: 13 },
      });

      const options = await api.call(transitions.GET, {
        path: `/api/v1/documents/${docId}/transitions`,
        params: { id: docId },
        token: api.tokens.operator,
      });
      expect(options.body.state).toBe("review");
      const byKey = Object.fromEntries(options.body.transitions.map((t: { key: string }) => [t.key, t]));
      expect(byKey.approve).toMatchObject({ allowed: true, to: "approved" });
      expect(byKey.reject).toMatchObject({ allowed: false, blockedBy: "ROLE", requireReason: true });
    });

    it("lists with filters and keyset pagination that visits every document once", async () => {
      for (let i = 0; i < 7; i += 1) {
        await api.call(documents.POST, {
          path: "/api/v1/documents",
          body: { workflow: "review", title: `Page doc ${i}` },
        });
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `/api/v1/documents?workflow=review&state=draft&limit=3${cursor ? `&cursor=${cursor}` : ""}`;
        const page = await api.call(documents.GET, { path: query, token: api.tokens.viewer });
        expect(page.status).toBe(200);
        seen.push(...page.body.items.map((d: { id: string; state: string }) => d.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(7);
      expect(new Set(seen).size).toBe(7);
      const search = await api.call(documents.GET, { path: "/api/v1/documents?q=erp-7" });
      expect(search.body.items.map((d: { id: string }) => d.id)).toEqual([docId]);
      const counts = await api.call(stats.GET, { path: "/api/v1/stats?workflow=review" });
      expect(counts.body.items[0]).toMatchObject({ workflow: "review", total: 8 });
      expect(counts.body.items[0].states).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ state: "draft", count: 7 }),
          expect.objectContaining({ state: "review", count: 1 }),
        ]),
      );
    });

    it("authenticates: missing, wrong and revoked tokens get 401, viewers 403", async () => {
      expectProblem(await api.call(documents.GET, { path: "/api/v1/documents", token: null }), 401, "UNAUTHENTICATED");
      expectProblem(
        await api.call(documents.GET, { path: "/api/v1/documents", token: "ds_wrong" }),
        401,
        "UNAUTHENTICATED",
      );
      expectProblem(
        await api.call(documents.GET, { path: "/api/v1/documents", token: api.tokens.revoked }),
        401,
        "UNAUTHENTICATED",
      );
      expectProblem(
        await api.call(documents.GET, {
          path: "/api/v1/documents",
          token: null,
          headers: { authorization: "Basic abc" },
        }),
        401,
        "UNAUTHENTICATED",
      );
      expectProblem(
        await api.call(transitions.POST, {
          path: `/api/v1/documents/${docId}/transitions`,
          params: { id: docId },
          token: api.tokens.viewer,
          body: { transition: "back" },
        }),
        403,
        "FORBIDDEN",
      );
      expectProblem(
        await api.call(move.POST, {
          path: `/api/v1/documents/${docId}/move`,
          params: { id: docId },
          token: api.tokens.viewer,
          body: { toState: "draft", reason: "x" },
        }),
        403,
        "FORBIDDEN",
      );
      expectProblem(
        await api.call(move.POST, {
          path: `/api/v1/documents/${docId}/move`,
          params: { id: docId },
          token: api.tokens.operator,
          body: { toState: "draft", reason: "x" },
        }),
        403,
        "FORBIDDEN",
      );
      expectProblem(
        await api.call(documents.POST, {
          path: "/api/v1/documents",
          token: api.tokens.viewer,
          body: { workflow: "review", title: "x" },
        }),
        403,
        "FORBIDDEN",
      );
      expectProblem(
        await api.call(workflows.POST, {
          path: "/api/v1/workflows",
          token: api.tokens.operator,
          body: { key: "nope", name: "x" },
        }),
        403,
        "FORBIDDEN",
      );
    });

    it("refuses bad input precisely and writes nothing", async () => {
      const before = await api.db.prisma.historyEvent.count();
      const docsBefore = await api.db.prisma.document.count();
      const fire = (body: unknown, id = docId, rawBody?: string) =>
        api.call(transitions.POST, {
          path: `/api/v1/documents/${id}/transitions`,
          params: { id },
          body: rawBody ? undefined : body,
          rawBody,
          headers: rawBody ? { "content-type": "application/json" } : {},
          method: "POST",
        });
      expectProblem(await fire(undefined, docId, "{not json"), 400, "MALFORMED_JSON");
      const unknownField = await fire({ transition: "back", colour: "red" });
      expectProblem(unknownField, 400, "VALIDATION_FAILED");
      expect(unknownField.body.errors[0].path).toBe("body");
      const wrongType = await fire({ transition: "back", expectedVersion: "2" });
      expectProblem(wrongType, 400, "VALIDATION_FAILED");
      expect(wrongType.body.errors[0].path).toBe("body.expectedVersion");
      expectProblem(await fire({ transition: "teleport" }), 422, "TRANSITION_NOT_ALLOWED");
      const unnumbered = (
        await api.call(documents.POST, { path: "/api/v1/documents", body: { workflow: "review", title: "no number" } })
      ).body.id;
      expect((await fire({ transition: "submit" }, unnumbered)).status).toBe(200);
      const guard = await fire({ transition: "approve" }, unnumbered);
      expectProblem(guard, 422, "GUARD_FAILED");
      expect(guard.body.errors).toEqual([expect.objectContaining({ path: "/invoiceNumber" })]);
      expectProblem(await fire({ transition: "back", expectedVersion: 1 }), 409, "STALE_VERSION");
      expectProblem(
        await fire({ transition: "back" }, "00000000-0000-4000-8000-000000000000"),
        404,
        "DOCUMENT_NOT_FOUND",
      );
      expectProblem(await fire({ transition: "back" }, "x'; drop table"), 404, "DOCUMENT_NOT_FOUND");
      expectProblem(
        await api.call(transitions.POST, {
          path: `/api/v1/documents/${docId}/transitions`,
          params: { id: docId },
          rawBody: "{}",
          headers: { "content-type": "text/plain" },
        }),
        415,
        "UNSUPPORTED_MEDIA_TYPE",
      );
      const huge = "x".repeat(50 * 1024 * 1024);
      expectProblem(
        await api.call(documents.POST, {
          path: "/api/v1/documents",
          rawBody: JSON.stringify({ workflow: "review", title: huge }),
          headers: { "content-type": "application/json" },
        }),
        413,
        "PAYLOAD_TOO_LARGE",
      );
      expectProblem(
        await api.call(documents.POST, { path: "/api/v1/documents", body: { workflow: "ghost", title: "x" } }),
        404,
        "WORKFLOW_NOT_FOUND",
      );
      expectProblem(
        await api.call(documents.POST, { path: "/api/v1/documents", body: { workflow: "review", title: "" } }),
        400,
        "VALIDATION_FAILED",
      );
      expectProblem(
        await api.call(move.POST, {
          path: `/api/v1/documents/${docId}/move`,
          params: { id: docId },
          body: { toState: "draft" },
        }),
        422,
        "REASON_REQUIRED",
      );
      expectProblem(
        await api.call(move.POST, {
          path: `/api/v1/documents/${docId}/move`,
          params: { id: docId },
          body: { toState: "mars", reason: "x" },
        }),
        422,
        "UNKNOWN_STATE",
      );
      expectProblem(
        await api.call(retry.POST, { path: `/api/v1/documents/${docId}/retry`, params: { id: docId }, method: "POST" }),
        409,
        "NOTHING_TO_RETRY",
      );
      expectProblem(
        await api.call(workflow.GET, { path: "/api/v1/workflows/ghost", params: { key: "ghost" } }),
        404,
        "WORKFLOW_NOT_FOUND",
      );
      expectProblem(await api.call(unknown.GET, { path: "/api/v1/nothing-here" }), 404, "NOT_FOUND");
      expect(await api.db.prisma.historyEvent.count()).toBe(before + 2); // only the guard setup's CREATED and submit
      expect(await api.db.prisma.document.count()).toBe(docsBefore + 1);
    });

    it("refuses to publish an invalid graph with every problem, and keeps the old version", async () => {
      const broken = {
        states: [
          { key: "a", kind: "initial" },
          { key: "b", kind: "normal" },
          { key: "island", kind: "terminal" },
        ],
        transitions: [{ key: "go", from: ["a"], to: "b" }],
      };
      const saved = await api.call(draft.PUT, {
        path: "/api/v1/workflows/review/draft",
        params: { key: "review" },
        method: "PUT",
        body: { definition: broken },
      });
      expect(saved.status).toBe(200);
      expect(saved.body.problems.length).toBeGreaterThan(0);
      const refused = await api.call(publish.POST, {
        path: "/api/v1/workflows/review/publish",
        params: { key: "review" },
        method: "POST",
      });
      expectProblem(refused, 422, "INVALID_DEFINITION");
      const codes = refused.body.problems.map((p: { code: string }) => p.code);
      expect(codes).toEqual(expect.arrayContaining(["UNREACHABLE_STATE", "DEAD_END_STATE"]));
      const malformed = await api.call(draft.PUT, {
        path: "/api/v1/workflows/review/draft",
        params: { key: "review" },
        method: "PUT",
        body: { definition: { states: [{ key: "Bad Key", kind: "initial" }], transitions: [] } },
      });
      expectProblem(malformed, 400, "VALIDATION_FAILED");
      expect(malformed.body.errors[0].path).toBe("body.definition.states.0.key");
      const detail = await api.call(workflow.GET, { path: "/api/v1/workflows/review", params: { key: "review" } });
      expect(detail.body).toMatchObject({ published: { version: 1 }, draft: { version: 2 } });
    });

    it("answers every operation of the OpenAPI document as the document says, success and error", async () => {
      await exerciseEveryOperation(api);
    });

    it("serves a valid OpenAPI 3.1 document", async () => {
      const response = openapi.GET();
      const doc = await response.json();
      const result = await new Validator().validate(doc);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      expect(doc.openapi).toBe("3.1.0");
      expect(Object.keys(doc.paths)).toContain("/api/v1/documents/{id}/transitions");
    });
  });
}

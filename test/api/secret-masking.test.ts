import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as documents from "../../app/api/v1/documents/route";
import * as history from "../../app/api/v1/documents/[id]/history/route";
import * as workflows from "../../app/api/v1/workflows/route";
import * as workflow from "../../app/api/v1/workflows/[key]/route";
import * as publish from "../../app/api/v1/workflows/[key]/publish/route";
import { openApiHarness, type ApiHarness } from "./api-harness";

const SECRET_URL = "https://bot:s3cr3t@hooks.example.org/services/T0/XyZsecret?token=abc";
const SECRETS = /s3cr3t|XyZsecret|token=abc|bot:/;

describe("webhook URLs are masked for non-admins (PostgreSQL)", () => {
  let api: ApiHarness;
  let docId: string;
  beforeAll(async () => {
    api = await openApiHarness("postgres");
    const definition = {
      states: [
        { key: "draft", kind: "initial" },
        {
          key: "notify",
          kind: "normal",
          action: { type: "webhook", url: SECRET_URL },
          onSuccess: "finish",
          onFailure: "give_up",
        },
        { key: "done", kind: "terminal" },
        { key: "failed", kind: "terminal" },
      ],
      transitions: [
        { key: "send", from: ["draft"], to: "notify" },
        { key: "finish", from: ["notify"], to: "done" },
        { key: "give_up", from: ["notify"], to: "failed" },
      ],
    };
    expect(
      (await api.call(workflows.POST, { path: "/api/v1/workflows", body: { key: "hook", name: "Hook", definition } }))
        .status,
    ).toBe(201);
    const published = await api.call(publish.POST, {
      path: "/api/v1/workflows/hook/publish",
      params: { key: "hook" },
      method: "POST",
    });
    expect(published.status).toBe(200);
    // A draft with the same secret, so both definitions of the workflow read are covered.
    await api.db.prisma.workflowVersion.create({
      data: {
        workflow: { connect: { key: "hook" } },
        version: 2,
        status: "DRAFT",
        definition,
      },
    });
    docId = (await api.call(documents.POST, { path: "/api/v1/documents", body: { workflow: "hook", title: "t" } })).body
      .id;
    // What the worker records after an attempt: the URL in the event's details.
    await api.db.prisma.$executeRawUnsafe(
      `WITH d AS (UPDATE "Document" SET "lastSeq" = "lastSeq" + 1 WHERE "id" = $1::uuid RETURNING "id", "lastSeq", "version")
       INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "actorType", "actorName", "details", "documentVersion")
       SELECT "id", "lastSeq", 'ACTION_FAILED', 'SYSTEM', 'worker', jsonb_build_object('action', 'webhook', 'url', $2::text, 'status', 503), "version" FROM d`,
      docId,
      SECRET_URL,
    );
  });
  afterAll(async () => api?.close());

  it("a viewer or operator reading the workflow sees only scheme and host", async () => {
    for (const token of [api.tokens.viewer, api.tokens.operator]) {
      const res = await api.call(workflow.GET, { path: "/api/v1/workflows/hook", params: { key: "hook" }, token });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toMatch(SECRETS);
      expect(res.body.published.definition.states[1].action.url).toBe("https://hooks.example.org/…");
      expect(res.body.draft.definition.states[1].action.url).toBe("https://hooks.example.org/…");
    }
  });

  it("an admin sees the URL whole", async () => {
    const res = await api.call(workflow.GET, { path: "/api/v1/workflows/hook", params: { key: "hook" } });
    expect(res.body.published.definition.states[1].action.url).toBe(SECRET_URL);
  });

  it("history details are masked for viewers, whole for admins", async () => {
    const path = `/api/v1/documents/${docId}/history`;
    const viewer = await api.call(history.GET, { path, params: { id: docId }, token: api.tokens.viewer });
    expect(JSON.stringify(viewer.body)).not.toMatch(SECRETS);
    expect(viewer.body.items.at(-1).details).toEqual({
      action: "webhook",
      url: "https://hooks.example.org/…",
      status: 503,
    });
    const admin = await api.call(history.GET, { path, params: { id: docId } });
    expect(admin.body.items.at(-1).details.url).toBe(SECRET_URL);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as documents from "../../app/api/v1/documents/route";
import * as transitions from "../../app/api/v1/documents/[id]/transitions/route";
import * as workflows from "../../app/api/v1/workflows/route";
import * as draft from "../../app/api/v1/workflows/[key]/draft/route";
import * as publish from "../../app/api/v1/workflows/[key]/publish/route";
import * as replay from "../../app/api/v1/workflows/[key]/draft/replay/route";
import { REVIEW_DEFINITION } from "../helpers/fixtures";
import { openApiHarness, type ApiHarness } from "./api-harness";

/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted field by field */
describe("POST /api/v1/workflows/:key/draft/replay (PostgreSQL)", () => {
  let api: ApiHarness;
  let docId: string;
  const at = (key: string) => ({ method: "POST", path: `/api/v1/workflows/${key}/draft/replay`, params: { key } });
  const expectProblem = (res: { status: number; headers: Headers; body: any }, status: number, code: string) => {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  };

  beforeAll(async () => {
    api = await openApiHarness("postgres");
    await api.call(workflows.POST, {
      path: "/api/v1/workflows",
      body: { key: "claims", name: "Claims", definition: REVIEW_DEFINITION },
    });
    await api.call(publish.POST, {
      method: "POST",
      path: "/api/v1/workflows/claims/publish",
      params: { key: "claims" },
    });
    const doc = await api.call(documents.POST, {
      path: "/api/v1/documents",
      token: api.tokens.operator,
      body: { workflow: "claims", title: "Claim 1" },
    });
    docId = doc.body.id;
    const fired = await api.call(transitions.POST, {
      path: `/api/v1/documents/${docId}/transitions`,
      params: { id: docId },
      token: api.tokens.operator,
      body: { transition: "submit" },
    });
    expect(fired.status).toBe(200);
    // The draft lets only admins submit: the operator token's submit would have been refused.
    const definition = {
      ...REVIEW_DEFINITION,
      transitions: REVIEW_DEFINITION.transitions.map((t) => (t.key === "submit" ? { ...t, roles: ["admin"] } : t)),
    };
    await api.call(draft.PUT, {
      method: "PUT",
      path: "/api/v1/workflows/claims/draft",
      params: { key: "claims" },
      body: { definition },
    });
  });
  afterAll(async () => api?.close());

  it("answers the what-if report, with the token's current role checked against the draft", async () => {
    const res = await api.call(replay.POST, { ...at("claims"), body: { days: 3 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      workflow: "claims",
      documents: 1,
      steps: 1,
      truncated: false,
      window: { days: 3 },
      limit: 50_000,
      removedTransitions: [],
      forbiddenTransitions: [
        {
          transitionKey: "submit",
          fromState: "draft",
          role: "operator",
          count: 1,
          byActor: { API: 1 },
          examples: [docId],
        },
      ],
    });
  });

  it("refuses operators, bad bounds and unknown workflows as problem+json", async () => {
    expectProblem(await api.call(replay.POST, { ...at("claims"), token: api.tokens.operator }), 403, "FORBIDDEN");
    expectProblem(await api.call(replay.POST, { ...at("claims"), body: { days: 0 } }), 400, "VALIDATION_FAILED");
    expectProblem(await api.call(replay.POST, { ...at("claims"), body: { limit: 50_001 } }), 400, "VALIDATION_FAILED");
    expectProblem(await api.call(replay.POST, at("ghost")), 404, "WORKFLOW_NOT_FOUND");
  });
});

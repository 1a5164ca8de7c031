import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as documents from "../../app/api/v1/documents/route";
import * as move from "../../app/api/v1/documents/[id]/move/route";
import * as transitions from "../../app/api/v1/documents/[id]/transitions/route";
import * as workflows from "../../app/api/v1/workflows/route";
import * as publish from "../../app/api/v1/workflows/[key]/publish/route";
import * as people from "../../app/api/v1/workflows/[key]/analytics/people/route";
import { foldAnalytics } from "../../lib/services/analytics/fold-analytics";
import type { TestDbKind } from "../helpers/test-database";
import { openApiHarness, type ApiHarness } from "./api-harness";

/*
 * Operators submit drafts; only admins leave review; "checking" runs an action, so the worker
 * (not people) moves documents on, and an admin's forced move out of it is not time to act.
 */
const DEFINITION = {
  states: [
    { key: "draft", kind: "initial" },
    { key: "review", kind: "normal" },
    { key: "checking", kind: "normal", action: { type: "noop" }, onSuccess: "pass" },
    { key: "approved", kind: "terminal" },
  ],
  transitions: [
    { key: "submit", from: ["draft"], to: "review" },
    { key: "approve", from: ["review"], to: "approved", roles: ["admin"] },
    { key: "check", from: ["review"], to: "checking", roles: ["admin"] },
    { key: "pass", from: ["checking"], to: "approved" },
  ],
};

/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are asserted field by field */
describe.each<TestDbKind>(["postgres", "pglite"])("GET /api/v1/workflows/:key/analytics/people (%s)", (kind) => {
  let api: ApiHarness;
  const path = "/api/v1/workflows/claims/analytics/people";
  const params = { key: "claims" };

  beforeAll(async () => {
    api = await openApiHarness(kind);
    await api.call(workflows.POST, {
      path: "/api/v1/workflows",
      body: { key: "claims", name: "Claims", definition: DEFINITION },
    });
    await api.call(publish.POST, { method: "POST", path: "/api/v1/workflows/claims/publish", params });
    const fire = async (id: string, transition: string, token: string) => {
      const res = await api.call(transitions.POST, {
        path: `/api/v1/documents/${id}/transitions`,
        params: { id },
        token,
        body: { transition },
      });
      expect(res.status).toBe(200);
    };
    for (const next of ["approve", "check"]) {
      const doc = await api.call(documents.POST, {
        path: "/api/v1/documents",
        token: api.tokens.operator,
        body: { workflow: "claims", title: `Claim ${next}` },
      });
      await fire(doc.body.id, "submit", api.tokens.operator);
      await fire(doc.body.id, next, api.tokens.admin);
      if (next === "check") {
        const moved = await api.call(move.POST, {
          path: `/api/v1/documents/${doc.body.id}/move`,
          params: { id: doc.body.id },
          body: { toState: "approved", reason: "stuck" },
        });
        expect(moved.status).toBe(200);
      }
    }
    await foldAnalytics(api.db);
  }, 120_000);
  afterAll(async () => api?.close());

  it("counts every move, and time to act only in states the actor's role can leave", async () => {
    const res = await api.call(people.GET, { path, params });
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.actors.map((a: any) => [a.name, a]));
    expect(byName["token:operator"]).toMatchObject({ actorType: "API", role: "operator", transitions: 2, acts: 2 });
    // Approve and check out of review are the admin's to make; the forced move out of the
    // action state is not a wait for a person.
    expect(byName["token:admin"]).toMatchObject({ actorType: "API", role: "admin", transitions: 3, acts: 2 });
    expect(byName["token:admin"].medianTimeToActMs).toEqual(expect.any(Number));
    expect(res.body.actors[0].name).toBe("token:admin");
  });

  it("is for admins only: operator and viewer tokens get 403 FORBIDDEN", async () => {
    for (const token of [api.tokens.operator, api.tokens.viewer]) {
      const res = await api.call(people.GET, { path, params, token });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: "FORBIDDEN" });
    }
  });

  it("refuses a reversed period like the other analytics (422 INVALID_PERIOD with the allowed range)", async () => {
    const res = await api.call(people.GET, {
      path: `${path}?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z`,
      params,
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      code: "INVALID_PERIOD",
      allowed: { from: expect.any(String), to: expect.any(String) },
    });
  });
});

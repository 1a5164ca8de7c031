import { describe, expect, it } from "vitest";
import { documentJobScope, documentStateScope } from "./document-filter-sql";
import { readsMatchesFirst } from "./select-document-page";

describe("readsMatchesFirst", () => {
  it("reads every match below √((limit + 1) × total) documents and walks the sort index above", () => {
    // A page of 50 (51 read) among 10,000,000: the two reads cost the same at ~22,583 matches.
    expect(readsMatchesFirst({ matching: 22_583, total: 10_000_000 }, 50)).toBe(true);
    expect(readsMatchesFirst({ matching: 22_584, total: 10_000_000 }, 50)).toBe(false);
    // A state holding a tenth of the documents: the walk meets a match every ten rows.
    expect(readsMatchesFirst({ matching: 1_000_000, total: 10_000_000 }, 50)).toBe(false);
    // Small tables: every match when there are few, whichever the share.
    expect(readsMatchesFirst({ matching: 7, total: 20 }, 50)).toBe(true);
    expect(readsMatchesFirst({ matching: 1, total: 1 }, 1)).toBe(true);
  });
});

describe("documentStateScope", () => {
  const v1 = "00000000-0000-4000-8000-000000000001";
  const v2 = "00000000-0000-4000-8000-000000000002";

  it("pins the filter's state, in its workflow or in any", () => {
    expect(documentStateScope({ workflowId: "w", state: "review" })).toEqual({
      workflowId: "w",
      states: ["review"],
      versionStates: [],
    });
    expect(documentStateScope({ state: "review" })).toEqual({
      workflowId: undefined,
      states: ["review"],
      versionStates: [],
    });
  });

  it("pins the error or SLA states of each version, narrowed to the filter's state", () => {
    const errorStates = [
      { versionId: v1, state: "failed" },
      { versionId: v2, state: "stuck" },
    ];
    expect(documentStateScope({ errorStates })).toEqual({
      workflowId: undefined,
      states: [],
      versionStates: errorStates,
    });
    expect(documentStateScope({ errorStates, state: "stuck" })?.versionStates).toEqual([
      { versionId: v2, state: "stuck" },
    ]);
    // A state that is no error state: no document can match, and the scope says so.
    expect(documentStateScope({ errorStates, state: "review" })?.versionStates).toEqual([]);
    expect(
      documentStateScope({ slaStates: [{ versionId: v1, state: "review", maxSeconds: 60 }] })?.versionStates,
    ).toEqual([{ versionId: v1, state: "review" }]);
  });

  it("pins nothing for filters without states", () => {
    expect(documentStateScope({ workflowId: "w", q: "invoice", status: "retrying" })).toBeNull();
  });
});

describe("documentJobScope", () => {
  const w = "00000000-0000-4000-8000-00000000000a";
  const text = (scope: ReturnType<typeof documentJobScope>) => scope?.conditions.sql.replace(/\s+/g, " ");

  it("pins the jobs of a status or an error signature, both when both are set", () => {
    expect(text(documentJobScope({ status: "exhausted" }))).toBe(`j."status" = ?::"JobStatus"`);
    expect(documentJobScope({ status: "exhausted" })?.conditions.values).toEqual(["EXHAUSTED"]);
    const both = documentJobScope({ workflowId: w, status: "pending", signature: "webhook:timeout" });
    expect(text(both)).toBe(
      `j."status" = ?::"JobStatus" AND j."errorSignature" = ? AND j."status" IN ('PENDING', 'EXHAUSTED')`,
    );
    expect(both?.conditions.values).toEqual(["PENDING", "webhook:timeout"]);
  });

  it("narrows retrying jobs to the workflow, which only they carry", () => {
    const retrying = documentJobScope({ workflowId: w, status: "retrying" });
    expect(text(retrying)).toBe(`j."status" = 'PENDING' AND j."attempt" > 0 AND j."workflowId" = ?::uuid`);
    expect(retrying?.conditions.values).toEqual([w]);
    expect(text(documentJobScope({ status: "retrying" }))).toBe(`j."status" = 'PENDING' AND j."attempt" > 0`);
  });

  it("pins nothing for filters without a job condition", () => {
    expect(documentJobScope({ workflowId: w, state: "review", q: "invoice" })).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { exampleInvoiceDefinition as invoice } from "../examples";
import { defineWorkflow } from "../testing/build-definition";
import type { DocumentJob } from "./document-job";
import { checkSettleAction } from "./check-settle-action";

const job = (status: DocumentJob["status"], state = "extract"): DocumentJob => ({ status, state });
const inExtract = (status: DocumentJob["status"]) => ({ state: "extract", metadata: {}, job: job(status) });

describe("checkSettleAction", () => {
  it("completes into onSuccess and fails into onFailure, for a waiting, exhausted or cancelled action, with the system's rights", () => {
    for (const status of ["pending", "exhausted", "cancelled"] as const) {
      // "extracted" is for admins only: the operator settles for the action, not as themselves.
      expect(
        checkSettleAction(invoice, inExtract(status), "operator", { outcome: "complete", reason: " ok " }),
      ).toEqual({ ok: true, transition: "extracted", to: "review", hasAction: false, timer: null, reason: "ok" });
      expect(
        checkSettleAction(invoice, inExtract(status), "operator", { outcome: "fail", reason: "bad scan" }),
      ).toEqual({
        ok: true,
        transition: "fail_extract",
        to: "extraction_failed",
        hasAction: false,
        timer: null,
        reason: "bad scan",
      });
    }
  });

  it("settles only the job when the state has no transition for the outcome", () => {
    const noOutcomes = defineWorkflow({
      states: [
        { key: "start", kind: "initial" },
        { key: "work", kind: "normal", action: { type: "noop" } },
        { key: "done", kind: "terminal" },
      ],
      transitions: [
        { key: "begin", from: ["start"], to: "work" },
        { key: "finish", from: ["work"], to: "done" },
      ],
    });
    const doc = { state: "work", metadata: {}, job: job("exhausted", "work") };
    expect(checkSettleAction(noOutcomes, doc, "operator", { outcome: "complete", reason: "done by phone" })).toEqual({
      ok: true,
      transition: null,
      to: null,
      hasAction: false,
      timer: null,
      reason: "done by phone",
    });
  });

  it("refuses viewers, blank reasons, no action, an action that already ended, and one running right now", () => {
    const settle = (doc: Parameters<typeof checkSettleAction>[1], role: "viewer" | "operator", reason = "why") =>
      checkSettleAction(invoice, doc, role, { outcome: "complete", reason });
    expect(settle(inExtract("pending"), "viewer")).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(settle(inExtract("pending"), "operator", "   ")).toMatchObject({ ok: false, code: "REASON_REQUIRED" });
    expect(settle({ state: "extract", metadata: {}, job: null }, "operator")).toMatchObject({
      ok: false,
      code: "NOTHING_TO_SETTLE",
    });
    expect(settle({ state: "extraction_failed", metadata: {}, job: job("exhausted") }, "operator")).toMatchObject({
      ok: false,
      code: "NOTHING_TO_SETTLE",
      message: expect.stringContaining('moved on to "extraction_failed"'),
    });
    expect(settle(inExtract("running"), "operator")).toMatchObject({ ok: false, code: "CONFLICT" });
  });

  it("refuses with the transition's guard when the metadata does not meet it", () => {
    const guarded = defineWorkflow({
      states: [
        { key: "start", kind: "initial" },
        { key: "work", kind: "normal", action: { type: "noop" }, onSuccess: "ok" },
        { key: "done", kind: "terminal" },
      ],
      transitions: [
        { key: "begin", from: ["start"], to: "work" },
        { key: "ok", from: ["work"], to: "done", guard: { jsonSchema: { required: ["invoiceNumber"] } } },
      ],
    });
    const doc = { state: "work", metadata: {}, job: job("pending", "work") };
    const refused = checkSettleAction(guarded, doc, "admin", { outcome: "complete", reason: "why" });
    expect(refused).toMatchObject({ ok: false, code: "GUARD_FAILED" });
    expect(refused.ok ? [] : refused.fieldErrors).not.toHaveLength(0);
    expect(
      checkSettleAction(guarded, { ...doc, metadata: { invoiceNumber: "A-1" } }, "admin", {
        outcome: "complete",
        reason: "why",
      }),
    ).toMatchObject({ ok: true, to: "done" });
  });
});

import { describe, expect, it } from "vitest";
import { exampleInvoiceDefinition as invoice } from "../examples";
import { defineWorkflow } from "../testing/build-definition";
import type { DocumentJob } from "./document-job";
import { checkRetry } from "./check-retry";

const job = (status: DocumentJob["status"], state = "extract"): DocumentJob => ({ status, state });

describe("checkRetry", () => {
  it("re-runs a waiting or exhausted action where the document still is", () => {
    for (const status of ["pending", "exhausted"] as const) {
      expect(checkRetry(invoice, { state: "extract", job: job(status) }, "operator")).toEqual({
        ok: true,
        mode: "in-place",
        actionState: "extract",
      });
    }
  });

  it("returns a document that onFailure moved on to the state that owns the action", () => {
    expect(checkRetry(invoice, { state: "extraction_failed", job: job("exhausted") }, "operator")).toEqual({
      ok: true,
      mode: "return",
      actionState: "extract",
    });
  });

  it("refuses viewers, documents with nothing to retry, and an action running right now", () => {
    expect(checkRetry(invoice, { state: "extract", job: job("pending") }, "viewer")).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    for (const noJob of [null, job("cancelled")]) {
      expect(checkRetry(invoice, { state: "extract", job: noJob }, "admin")).toMatchObject({
        ok: false,
        code: "NOTHING_TO_RETRY",
      });
    }
    expect(checkRetry(invoice, { state: "extract", job: job("running") }, "admin")).toMatchObject({
      ok: false,
      code: "CONFLICT",
    });
  });

  it("refuses to return a document to a state whose action is gone from its version", () => {
    const withoutAction = defineWorkflow({
      states: [
        { key: "draft", kind: "initial" },
        { key: "extract", kind: "normal" },
        { key: "failed", kind: "error" },
        { key: "done", kind: "terminal" },
      ],
      transitions: [
        { key: "go", from: ["draft"], to: "extract" },
        { key: "fail", from: ["extract"], to: "failed" },
        { key: "finish", from: ["extract", "failed"], to: "done" },
      ],
    });
    expect(checkRetry(withoutAction, { state: "failed", job: job("exhausted") }, "admin")).toEqual({
      ok: false,
      code: "NOTHING_TO_RETRY",
      message: 'State "extract" no longer has an action to retry.',
    });
  });
});

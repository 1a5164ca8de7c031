import { describe, expect, it } from "vitest";
import { encodeDocumentCursor } from "../services/documents/document-cursor";
import { documentsPageParams } from "./documents-page-params";

describe("documentsPageParams", () => {
  it("accepts no filters at all", () => {
    expect(documentsPageParams.parse({})).toEqual({});
  });

  it("accepts a workflow, a state and a cursor we issued", () => {
    const cursor = { updatedAt: new Date("2026-11-26T10:00:00.000Z"), id: "0197b5a4-1c2d-7e3f-8a9b-0c1d2e3f4a5b" };
    expect(documentsPageParams.parse({ workflow: "invoice-processing", state: "extraction_failed", cursor: encodeDocumentCursor(cursor) })).toEqual({
      workflow: "invoice-processing",
      state: "extraction_failed",
      cursor,
    });
  });

  it.each([
    [{ cursor: "garbage" }, "This page link was changed or has expired. Start again from the first page."],
    [{ workflow: "../etc" }, "That is not a workflow key."],
    [{ state: "Bad State" }, "That is not a state key."],
    [{ state: ["a", "b"] }, "Choose one state."],
  ])("refuses %j with a readable message", (input, message) => {
    const result = documentsPageParams.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});

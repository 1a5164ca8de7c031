import { describe, expect, it } from "vitest";
import { documentsPageParams } from "./documents-page-params";

describe("documentsPageParams", () => {
  it("accepts no filters at all", () => {
    expect(documentsPageParams.parse({})).toEqual({});
  });

  it("reads the filter, the sort and the bulk action of a link", () => {
    expect(
      documentsPageParams.parse({
        workflow: "invoice-processing",
        state: "extraction_failed",
        errors: "1",
        sla: "over",
        status: "retrying",
        signature: "webhook:HTTP 503",
        sort: "created_asc",
        bulk: "retry",
      }),
    ).toEqual({
      workflow: "invoice-processing",
      state: "extraction_failed",
      errors: true,
      sla: "over",
      status: "retrying",
      signature: "webhook:HTTP 503",
      sort: "created_asc",
      bulk: "retry",
    });
  });

  it("turns a day as upper bound into the start of the next day, so the whole day is included", () => {
    const parsed = documentsPageParams.parse({ createdFrom: "2026-11-01", createdTo: "2026-11-26" });
    expect(parsed.createdFrom?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(parsed.createdTo?.toISOString()).toBe("2026-11-27T00:00:00.000Z");
  });

  it.each([
    [{ workflow: "../etc" }, "That is not a workflow key."],
    [{ state: "Bad State" }, "That is not a state key."],
    [{ state: ["a", "b"] }, "Choose one state."],
    [{ sort: "random" }, "That is not a sort order."],
    [{ createdFrom: "yesterday" }, "Use a date (2026-11-26) or an ISO date-time."],
    [{ bulk: "delete" }, "That is not a bulk action."],
  ])("refuses %j with a readable message", (input, message) => {
    const result = documentsPageParams.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(message);
  });
});

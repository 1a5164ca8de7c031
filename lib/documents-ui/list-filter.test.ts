import { describe, expect, it } from "vitest";
import { documentsQuery, hasExtraFilters } from "./list-filter";

describe("documentsQuery", () => {
  it("writes only set values, in a stable order, and drops a state without a workflow", () => {
    expect(documentsQuery({})).toBe("/documents");
    expect(documentsQuery({ state: "review" })).toBe("/documents");
    expect(documentsQuery({ workflow: "inv", state: "review", q: "Acme & co", status: "exhausted", errors: true }, "abc"))
      .toBe("/documents?workflow=inv&state=review&q=Acme+%26+co&status=exhausted&errors=1&cursor=abc");
  });
  it("knows which filters have no cheap exact count", () => {
    expect(hasExtraFilters({ workflow: "inv", state: "x" })).toBe(false);
    expect(hasExtraFilters({ q: "a" })).toBe(true);
  });
});

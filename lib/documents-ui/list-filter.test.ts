import { describe, expect, it } from "vitest";
import { documentsQuery, hasExtraFilters } from "./list-filter";

describe("documentsQuery", () => {
  it("writes only set values, in a stable order, and drops a state without a workflow", () => {
    expect(documentsQuery({})).toBe("/documents");
    expect(documentsQuery({ state: "review" })).toBe("/documents");
    expect(
      documentsQuery({ workflow: "inv", state: "review", q: "Acme & co", status: "exhausted", errors: true }, "abc"),
    ).toBe("/documents?workflow=inv&state=review&q=Acme+%26+co&status=exhausted&errors=1&cursor=abc");
  });
  it("keeps SLA, signature, date range and a non-default sort, and leaves out the default sort", () => {
    expect(
      documentsQuery({ sla: "over", signature: "webhook:HTTP 503", createdFrom: "2026-11-01", sort: "created_asc" }),
    ).toBe("/documents?sla=over&signature=webhook%3AHTTP+503&createdFrom=2026-11-01&sort=created_asc");
    expect(documentsQuery({ sort: "updated_desc" })).toBe("/documents");
  });
  it("knows which filters have no cheap exact count", () => {
    expect(hasExtraFilters({ workflow: "inv", state: "x", sort: "created_asc" })).toBe(false);
    expect(hasExtraFilters({ q: "a" })).toBe(true);
    expect(hasExtraFilters({ sla: "over" })).toBe(true);
    expect(hasExtraFilters({ updatedTo: "2026-11-26" })).toBe(true);
  });
});

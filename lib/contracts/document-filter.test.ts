import { describe, expect, it } from "vitest";
import { documentsHref, documentsPageParams, formatTook, narrowsBeyondState, parseTook } from "./document-filter";

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

describe("documentsHref", () => {
  it("is the bare list without filters", () => {
    expect(documentsHref()).toBe("/documents");
  });

  it("writes only set values, in a stable order, and drops a state without a workflow", () => {
    expect(documentsHref({ state: "review" })).toBe("/documents");
    expect(
      documentsHref({
        workflow: "inv",
        state: "review",
        q: "Acme & co",
        status: "exhausted",
        errors: true,
        cursor: "abc",
      }),
    ).toBe("/documents?workflow=inv&state=review&q=Acme+%26+co&status=exhausted&errors=1&cursor=abc");
    expect(documentsHref({ bulk: "move", sla: "over", state: "review", workflow: "invoice" })).toBe(
      "/documents?workflow=invoice&state=review&sla=over&bulk=move",
    );
    expect(documentsHref({ workflow: "w", status: "retrying", bulk: "retry" })).toBe(
      "/documents?workflow=w&status=retrying&bulk=retry",
    );
    expect(documentsHref({ errors: true })).toBe("/documents?errors=1");
  });

  it("keeps SLA, signature, date range and a non-default sort, and leaves out the default sort", () => {
    expect(
      documentsHref({ sla: "over", signature: "webhook:HTTP 503", createdFrom: "2026-11-01", sort: "created_asc" }),
    ).toBe("/documents?sla=over&signature=webhook%3AHTTP+503&createdFrom=2026-11-01&sort=created_asc");
    expect(documentsHref({ sort: "updated_desc" })).toBe("/documents");
    expect(documentsHref({ workflow: "w", signature: "webhook:HTTP 503 & <n>" })).toBe(
      "/documents?workflow=w&signature=webhook%3AHTTP+503+%26+%3Cn%3E",
    );
  });

  it("reads back to the same filter through the page's parameters", () => {
    const link = {
      workflow: "inv",
      state: "review",
      errors: true,
      sla: "over",
      status: "retrying",
      bulk: "retry",
    } as const;
    const query = Object.fromEntries(new URL(documentsHref(link), "http://x").searchParams);
    expect(documentsPageParams.parse(query)).toEqual(link);
  });
});

describe("narrowsBeyondState", () => {
  it("knows which filters have no cheap exact count, parsed or as in a link", () => {
    expect(narrowsBeyondState({})).toBe(false);
    expect(narrowsBeyondState({ q: "a" })).toBe(true);
    expect(narrowsBeyondState({ sla: "over" })).toBe(true);
    expect(narrowsBeyondState({ updatedTo: "2026-11-26" })).toBe(true);
    expect(narrowsBeyondState({ updatedTo: new Date() })).toBe(true);
    expect(narrowsBeyondState({ errors: false })).toBe(false);
  });
});

describe("history criteria (took, path)", () => {
  it("reads a step, a path and their period from a link, and writes them back in order", () => {
    const parsed = documentsPageParams.parse({
      workflow: "invoice-processing",
      took: "review>rejected:reject",
      path: "received>review>approved",
      tookFrom: "2026-11-01",
      tookTo: "2026-11-30",
    });
    expect(parsed.tookTo?.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(parseTook(parsed.took!)).toEqual({ fromState: "review", toState: "rejected", transition: "reject" });
    expect(parseTook(">received")).toEqual({ fromState: null, toState: "received" });
    expect(formatTook({ fromState: null, toState: "received" })).toBe(">received");
    expect(documentsHref({ workflow: "w", tookTo: "b", took: "a>b", tookFrom: "a", path: "a>b", state: "a" })).toBe(
      "/documents?workflow=w&state=a&took=a%3Eb&path=a%3Eb&tookFrom=a&tookTo=b",
    );
    // State keys are per workflow: no step or path without its workflow.
    expect(documentsHref({ took: "a>b", path: "a>b" })).toBe("/documents");
    expect(narrowsBeyondState({ took: "a>b" })).toBe(true);
  });

  it.each([
    [{ took: "review" }, "Use took=from>to"],
    [{ took: "Review>x" }, "Use took=from>to"],
    [{ took: "a>b:" }, "Use took=from>to"],
    [{ path: "a>>b" }, "Use path=a>b>c"],
    [{ path: Array.from({ length: 40 }, (_, i) => `s${i}`).join(">") }, "cut short"],
  ])("refuses %j", (input, message) => {
    const result = documentsPageParams.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });
});

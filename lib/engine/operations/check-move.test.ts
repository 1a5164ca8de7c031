import { describe, expect, it } from "vitest";
import { exampleInvoiceDefinition as invoice } from "../examples";
import { checkMove } from "./check-move";

describe("checkMove", () => {
  it("lets an admin move a document to any other state of its version, with the reason trimmed", () => {
    expect(checkMove(invoice, { state: "paid" }, "admin", { toState: "review", reason: " reopened " })).toMatchObject({
      ok: true,
      target: { key: "review" },
      reason: "reopened",
    });
  });

  it("checks in a fixed order: role, reason, target state, already there", () => {
    const refusal = (role: "viewer" | "operator" | "admin", toState: string, reason?: string) => {
      const result = checkMove(invoice, { state: "review" }, role, { toState, reason });
      return result.ok ? "ok" : result.code;
    };
    expect(refusal("operator", "nowhere")).toBe("FORBIDDEN");
    expect(refusal("viewer", "review", "x")).toBe("FORBIDDEN");
    expect(refusal("admin", "nowhere", " ")).toBe("REASON_REQUIRED");
    expect(refusal("admin", "nowhere", "x")).toBe("UNKNOWN_STATE");
    expect(refusal("admin", "review", "x")).toBe("ALREADY_IN_STATE");
    expect(refusal("admin", "paid", "x")).toBe("ok");
  });

  it("names the states that do exist when the target does not", () => {
    const result = checkMove(invoice, { state: "review" }, "admin", { toState: "nowhere", reason: "x" });
    expect(result).toMatchObject({ ok: false, details: { states: invoice.states.map((s) => s.key) } });
    expect(result.ok === false && result.message).toBe(
      `State "nowhere" does not exist in this document's workflow version.`,
    );
  });
});

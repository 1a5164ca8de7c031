import { describe, expect, it } from "vitest";
import { exampleInvoiceDefinition as invoice } from "../examples";
import { checkFire } from "./check-fire";

const complete = { invoiceNumber: "INV-7", amount: 120.5 };

describe("checkFire", () => {
  it("allows a transition leaving the state and says where it goes, whether an action runs there, and the reason", () => {
    expect(checkFire(invoice, { state: "draft", metadata: {} }, "operator", { transition: "submit" })).toMatchObject({
      ok: true,
      to: "extract",
      hasAction: true,
      reason: null,
      transition: { key: "submit" },
    });
    expect(
      checkFire(invoice, { state: "review", metadata: {} }, "operator", {
        transition: "request_changes",
        reason: "  missing page 2 ",
      }),
    ).toMatchObject({ ok: true, to: "draft", hasAction: false, reason: "missing page 2" });
  });

  it("maps the engine's resolution to the service codes: role, guard, and everything else", () => {
    expect(checkFire(invoice, { state: "extract", metadata: {} }, "operator", { transition: "extracted" })).toEqual({
      ok: false,
      code: "FORBIDDEN",
      message: 'Role "operator" may not fire transition "extracted" (allowed: admin)',
      details: { reason: "ROLE" },
    });
    const guard = checkFire(invoice, { state: "review", metadata: {} }, "admin", { transition: "approve" });
    expect(guard).toMatchObject({ ok: false, code: "GUARD_FAILED", details: { reason: "GUARD", state: "review" } });
    expect(guard.ok === false && guard.fieldErrors?.map((e) => e.path)).toContain("/invoiceNumber");
    for (const [state, transition, reason] of [
      ["draft", "teleport", "UNKNOWN_TRANSITION"],
      ["draft", "approve", "NOT_FROM_STATE"],
      ["paid", "cancel", "TERMINAL_STATE"],
      ["limbo", "submit", "UNKNOWN_STATE"],
    ] as const) {
      expect(checkFire(invoice, { state, metadata: complete }, "admin", { transition })).toMatchObject({
        ok: false,
        code: "TRANSITION_NOT_ALLOWED",
        details: { reason, state },
      });
    }
  });

  it("asks for a reason only once everything else allows the transition, and a blank one is no reason", () => {
    for (const reason of [undefined, null, "", "   "]) {
      expect(
        checkFire(invoice, { state: "review", metadata: {} }, "operator", { transition: "request_changes", reason }),
      ).toEqual({ ok: false, code: "REASON_REQUIRED", message: 'Transition "request_changes" requires a reason.' });
    }
    // A viewer is refused for the role first, not asked for a reason.
    expect(
      checkFire(invoice, { state: "review", metadata: {} }, "viewer", { transition: "request_changes" }),
    ).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });
});

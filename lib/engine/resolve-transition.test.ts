import { describe, expect, it } from "vitest";
import { exampleInvoiceDefinition as invoice } from "./examples";
import { availableTransitions, resolveTransition } from "./resolve-transition";
import { defineWorkflow } from "./testing/build-definition";

const fullInvoice = { invoiceNumber: "INV-7", amount: 120.5 };

describe("resolveTransition", () => {
  it("resolves a transition leaving the current state", () => {
    const result = resolveTransition(invoice, "draft", "submit", "operator", {});
    expect(result).toMatchObject({ ok: true, to: "extract", transition: { key: "submit" } });
  });

  it("refuses unknown states and unknown transition keys", () => {
    expect(resolveTransition(invoice, "limbo", "submit", "admin", {})).toMatchObject({
      ok: false,
      reason: "UNKNOWN_STATE",
      message: 'State "limbo" does not exist in this workflow version',
    });
    expect(resolveTransition(invoice, "draft", "teleport", "admin", {})).toMatchObject({
      ok: false,
      reason: "UNKNOWN_TRANSITION",
      message: 'Transition "teleport" does not exist in this workflow',
    });
  });

  it("refuses transitions that do not leave the current state, naming where they do leave", () => {
    expect(resolveTransition(invoice, "draft", "approve", "admin", fullInvoice)).toEqual({
      ok: false,
      reason: "NOT_FROM_STATE",
      message: 'Transition "approve" cannot fire from state "draft" (it leaves "review")',
    });
  });

  it("refuses everything from a terminal state, global transitions included", () => {
    for (const key of ["cancel", "approve", "mark_paid"]) {
      expect(resolveTransition(invoice, "paid", key, "admin", fullInvoice)).toMatchObject({
        ok: false,
        reason: "TERMINAL_STATE",
      });
    }
  });

  it("applies the role rule: admin anything, listed roles, default operator+admin, viewer never", () => {
    expect(resolveTransition(invoice, "draft", "submit", "viewer", {})).toEqual({
      ok: false,
      reason: "ROLE",
      message: 'Role "viewer" may not fire transition "submit" (allowed: operator, admin)',
    });
    expect(resolveTransition(invoice, "approved", "mark_paid", "operator", {}).ok).toBe(true);
    expect(resolveTransition(invoice, "approved", "mark_paid", "viewer", {})).toMatchObject({ reason: "ROLE" });
    expect(resolveTransition(invoice, "review", "cancel", "operator", {})).toMatchObject({ reason: "ROLE" });
    expect(resolveTransition(invoice, "review", "cancel", "admin", {})).toMatchObject({ ok: true, to: "cancelled" });
  });

  it("checks the guard against metadata and returns the failing paths", () => {
    const result = resolveTransition(invoice, "review", "approve", "operator", { amount: -3 });
    expect(result).toEqual({
      ok: false,
      reason: "GUARD",
      message: 'Guard of transition "approve" failed: /invoiceNumber is required; /amount must be > 0',
      failures: [
        { path: "/invoiceNumber", message: "is required" },
        { path: "/amount", message: "must be > 0" },
      ],
    });
    expect(resolveTransition(invoice, "review", "approve", "operator", fullInvoice)).toMatchObject({
      ok: true,
      to: "approved",
    });
  });

  it("checks the role before the guard, so viewers learn nothing about metadata", () => {
    expect(resolveTransition(invoice, "review", "approve", "viewer", {})).toMatchObject({ reason: "ROLE" });
  });

  it("guards bind admins too", () => {
    expect(resolveTransition(invoice, "review", "approve", "admin", {})).toMatchObject({ reason: "GUARD" });
  });

  it("lets a specific transition win over a global one with the same key", () => {
    const def = defineWorkflow({
      states: [
        { key: "draft", kind: "initial" },
        { key: "review", kind: "normal" },
        { key: "cancelled", kind: "terminal" },
      ],
      transitions: [
        { key: "cancel", from: ["*"], to: "cancelled" },
        { key: "cancel", from: ["review"], to: "draft" },
        { key: "submit", from: ["draft"], to: "review" },
      ],
    });
    expect(resolveTransition(def, "review", "cancel", "operator", {})).toMatchObject({ ok: true, to: "draft" });
    expect(resolveTransition(def, "draft", "cancel", "operator", {})).toMatchObject({ ok: true, to: "cancelled" });
  });
});

describe("availableTransitions", () => {
  it("lists every transition leaving the state with whether the role may fire it", () => {
    const list = availableTransitions(invoice, "review", "operator", { amount: 5 });
    expect(list.map((t) => [t.key, t.to, t.allowed, t.blockedBy ?? null])).toEqual([
      ["approve", "approved", false, "GUARD"],
      ["request_changes", "draft", true, null],
      ["reject", "rejected", true, null],
      ["cancel", "cancelled", false, "ROLE"],
    ]);
    const approve = list[0]!;
    expect(approve.failures).toEqual([{ path: "/invoiceNumber", message: "is required" }]);
    expect(approve.message).toBe('Guard of transition "approve" failed: /invoiceNumber is required');
    expect(approve.label).toBe("Approve");
    expect(list[2]).toMatchObject({ requireReason: true, isGlobal: false, isAutomatic: false });
    expect(list[3]).toMatchObject({
      isGlobal: true,
      requireReason: true,
      message: 'Role "operator" may not fire transition "cancel" (allowed: admin)',
    });
  });

  it("marks the worker's onSuccess/onFailure transitions as automatic", () => {
    const list = availableTransitions(invoice, "extract", "admin", {});
    expect(list.map((t) => [t.key, t.isAutomatic, t.allowed])).toEqual([
      ["extracted", true, true],
      ["fail_extract", true, true],
      ["cancel", false, true],
    ]);
  });

  it("gives viewers the list with everything blocked by role", () => {
    const list = availableTransitions(invoice, "extraction_failed", "viewer", {});
    expect(list.map((t) => t.key)).toEqual(["retry_extract", "reject", "cancel"]);
    expect(list.every((t) => !t.allowed && t.blockedBy === "ROLE")).toBe(true);
  });

  it("has nothing for terminal or unknown states", () => {
    expect(availableTransitions(invoice, "paid", "admin", {})).toEqual([]);
    expect(availableTransitions(invoice, "limbo", "admin", {})).toEqual([]);
  });

  it("uses the key as label when there is none", () => {
    const def = defineWorkflow({
      states: [
        { key: "a", kind: "initial" },
        { key: "b", kind: "terminal" },
      ],
      transitions: [{ key: "go", from: ["a"], to: "b" }],
    });
    expect(availableTransitions(def, "a", "operator", null)).toEqual([
      { key: "go", label: "go", to: "b", allowed: true, requireReason: false, isGlobal: false, isAutomatic: false },
    ]);
  });
});

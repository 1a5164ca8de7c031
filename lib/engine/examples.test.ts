import { describe, expect, it } from "vitest";
import { exampleExpenseDefinition, exampleInvoiceDefinition } from "./examples";
import { resolveTransition } from "./resolve-transition";
import { retrySchedule } from "./retry-policy";
import { validateDefinitionJson } from "./validate-graph";

const examples = { invoice: exampleInvoiceDefinition, expense: exampleExpenseDefinition };

describe.each(Object.entries(examples))("example %s workflow", (_name, def) => {
  it("validates with zero problems, warnings included, after a JSON round trip", () => {
    const result = validateDefinitionJson(JSON.parse(JSON.stringify(def)));
    expect(result.problems).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it("spells out every defaulted field, so parsing changes nothing", () => {
    expect(validateDefinitionJson(def).definition).toEqual(def);
  });

  it("has a position for every state", () => {
    expect(Object.keys(def.layout ?? {}).sort()).toEqual(def.states.map((s) => s.key).sort());
  });
});

describe("invoice workflow behaviour", () => {
  const invoice = exampleInvoiceDefinition;

  it("retries extraction with capped exponential backoff before giving up", () => {
    const extract = invoice.states.find((s) => s.key === "extract")!;
    expect(retrySchedule(extract.retry!).map((r) => r.delayMs)).toEqual([2000, 4000, 8000, 16000]);
    expect(resolveTransition(invoice, "extract", extract.onFailure!, "admin", {})).toMatchObject({
      ok: true,
      to: "extraction_failed",
    });
    expect(resolveTransition(invoice, "extract", extract.onSuccess!, "admin", {})).toMatchObject({
      ok: true,
      to: "review",
    });
  });

  it("lets an error state retry or reject", () => {
    expect(resolveTransition(invoice, "extraction_failed", "retry_extract", "operator", {})).toMatchObject({
      ok: true,
      to: "extract",
    });
    expect(resolveTransition(invoice, "extraction_failed", "reject", "operator", {})).toMatchObject({
      ok: true,
      to: "rejected",
    });
  });

  it("approves only with an invoice number and a positive amount", () => {
    expect(resolveTransition(invoice, "review", "approve", "operator", { amount: 10 })).toMatchObject({
      reason: "GUARD",
    });
    expect(
      resolveTransition(invoice, "review", "approve", "operator", { invoiceNumber: "INV-1", amount: 10 }),
    ).toMatchObject({ ok: true });
  });
});

describe("expense workflow behaviour", () => {
  it("passes the noop policy check automatically and guards manager approval", () => {
    const check = exampleExpenseDefinition.states.find((s) => s.key === "policy_check")!;
    expect(check.action).toEqual({ type: "noop" });
    expect(resolveTransition(exampleExpenseDefinition, "policy_check", check.onSuccess!, "admin", {})).toMatchObject({
      to: "manager_review",
    });
    const approve = (metadata: unknown) =>
      resolveTransition(exampleExpenseDefinition, "manager_review", "manager_approve", "operator", metadata);
    expect(approve({ employee: "Ada", amount: 20_000 })).toMatchObject({
      reason: "GUARD",
      failures: [{ path: "/amount", message: "must be <= 10000" }],
    });
    expect(approve({ employee: "Ada", amount: 42.5 })).toMatchObject({ ok: true, to: "finance_review" });
  });
});

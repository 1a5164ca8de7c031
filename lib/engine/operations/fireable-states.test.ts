import { describe, expect, it } from "vitest";
import { exampleInvoiceDefinition as invoice } from "../examples";
import type { Role } from "../definition-schema";
import { checkFire } from "./check-fire";
import { fireableStates } from "./fireable-states";

const ROLES: Role[] = ["viewer", "operator", "admin"];
const METADATA = [{}, { invoiceNumber: "INV-7", amount: 120.5 }];

describe("fireableStates", () => {
  it("lists exactly the states checkFire allows a key from whatever the metadata, with checkFire's answer", () => {
    const keys = [...new Set(invoice.transitions.map((t) => t.key)), "teleport"];
    let listed = 0;
    for (const role of ROLES)
      for (const transition of keys)
        for (const reason of [undefined, "  why "]) {
          const table = fireableStates(invoice, role, { transition, reason });
          for (const state of [...invoice.states.map((s) => s.key), "limbo"]) {
            const decisions = METADATA.map((metadata) =>
              checkFire(invoice, { state, metadata }, role, { transition, reason }),
            );
            const entry = table.find((e) => e.from === state);
            // Listed iff allowed for every metadata; then the answer is checkFire's.
            expect({ role, transition, state, listed: Boolean(entry) }).toEqual({
              role,
              transition,
              state,
              listed: decisions.every((d) => d.ok),
            });
            if (entry) {
              listed += 1;
              for (const decision of decisions) expect(entry.allowed).toEqual(decision);
            }
          }
        }
    expect(listed).toBeGreaterThan(10);
  });

  it("leaves out a guarded transition even where the metadata would pass its guard", () => {
    const guarded = invoice.transitions.find((t) => t.guard)!;
    const from = guarded.from[0]!;
    expect(checkFire(invoice, { state: from, metadata: METADATA[1] }, "admin", { transition: guarded.key }).ok).toBe(
      true,
    );
    expect(fireableStates(invoice, "admin", { transition: guarded.key }).map((e) => e.from)).not.toContain(from);
  });

  it("records each call's own reason", () => {
    const [first] = fireableStates(invoice, "operator", { transition: "request_changes", reason: " one " });
    const [second] = fireableStates(invoice, "operator", { transition: "request_changes", reason: "two" });
    expect([first?.allowed.reason, second?.allowed.reason]).toEqual(["one", "two"]);
  });
});

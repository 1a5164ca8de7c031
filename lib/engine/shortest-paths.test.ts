import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDefinition } from "./definition-schema";
import { exampleExpenseDefinition, exampleInvoiceDefinition } from "./examples";
import { shortestPathTo, shortestPaths } from "./shortest-paths";
import { defineWorkflow } from "./testing/build-definition";
import { permutedDefinitionArbitrary } from "./testing/definition-arbitrary";

describe("shortestPaths", () => {
  it("maps every reachable state to one shortest path from the initial state", () => {
    const paths = shortestPaths(exampleInvoiceDefinition);
    expect(paths.get("draft")).toEqual({ states: ["draft"], transitions: [] });
    expect(paths.get("paid")).toEqual({
      states: ["draft", "extract", "review", "approved", "paid"],
      transitions: ["submit", "extracted", "approve", "mark_paid"],
    });
    expect(paths.get("extraction_failed")?.transitions).toEqual(["submit", "fail_extract"]);
    expect(paths.get("cancelled")?.transitions).toEqual(["cancel"]);
    expect(paths.size).toBe(exampleInvoiceDefinition.states.length);
  });

  it("breaks ties by transition key, then target", () => {
    const def = defineWorkflow({
      states: [
        { key: "start", kind: "initial" },
        { key: "left", kind: "normal" },
        { key: "right", kind: "normal" },
        { key: "end", kind: "terminal" },
      ],
      transitions: [
        { key: "zeta", from: ["start"], to: "right" },
        { key: "alpha", from: ["start"], to: "left" },
        { key: "finish", from: ["right"], to: "end" },
        { key: "finish", from: ["left"], to: "end" },
      ],
    });
    expect(shortestPathTo(def, "end")).toEqual({ states: ["start", "left", "end"], transitions: ["alpha", "finish"] });
  });

  it("leaves unreachable states out and never leaves terminal states", () => {
    const def = defineWorkflow({
      states: [
        { key: "a", kind: "initial" },
        { key: "b", kind: "terminal" },
        { key: "c", kind: "normal" },
      ],
      transitions: [
        { key: "go", from: ["a"], to: "b" },
        { key: "reopen", from: ["b"], to: "c" },
      ],
    });
    expect([...shortestPaths(def).keys()]).toEqual(["a", "b"]);
    expect(shortestPathTo(def, "c")).toBeNull();
  });

  it("is empty without an initial state", () => {
    const def = defineWorkflow({ states: [{ key: "a", kind: "normal" }], transitions: [] });
    expect(shortestPaths(def).size).toBe(0);
  });

  it("covers the expense workflow", () => {
    expect(shortestPathTo(exampleExpenseDefinition, "reimbursed")?.transitions).toEqual([
      "submit",
      "policy_passed",
      "manager_approve",
      "reimburse",
    ]);
  });

  it("does not depend on the order of states and transitions (property)", () => {
    fc.assert(
      fc.property(permutedDefinitionArbitrary, ({ original, permuted }) => {
        const a = parseDefinition(original);
        const b = parseDefinition(permuted);
        if (!a.ok || !b.ok) throw new Error("generator produced an invalid shape");
        const pa = shortestPaths(a.definition);
        const pb = shortestPaths(b.definition);
        expect(new Map([...pb].sort())).toEqual(new Map([...pa].sort()));
        for (const path of pa.values()) expect(path.transitions).toHaveLength(path.states.length - 1);
      }),
      { numRuns: 300 },
    );
  });
});

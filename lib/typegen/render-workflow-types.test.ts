import { describe, expect, it } from "vitest";
import { exampleExpenseDefinition, exampleInvoiceDefinition, type WorkflowDefinition } from "../engine";
import { renderWorkflowTypes } from "./render-workflow-types";
import { pascalCase } from "./type-names";
import { transitionsByState } from "./transitions-by-state";

describe("typegen", () => {
  it("lists per state the transitions leaving it; a global one leaves every non-terminal state", () => {
    const byState = transitionsByState(exampleInvoiceDefinition);
    expect(byState.get("draft")).toEqual(["submit", "cancel"]);
    expect(byState.get("extraction_failed")).toEqual(["retry_extract", "reject", "cancel"]);
    expect(byState.get("paid")).toEqual([]);
  });

  it("names types from keys, whatever characters they hold", () => {
    expect(pascalCase("invoice-processing")).toBe("InvoiceProcessing");
    expect(pascalCase("expense_claims_v2")).toBe("ExpenseClaimsV2");
    expect(pascalCase("2024-audit")).toBe("Workflow2024Audit");
  });

  it("emits never for a state nothing leaves, and metadata without guards is an open object", async () => {
    const definition: WorkflowDefinition = {
      states: [
        { key: "a", kind: "initial" },
        { key: "b", kind: "terminal" },
      ],
      transitions: [{ key: "go", from: ["a"], to: "b" }],
    };
    const { source, warnings } = await renderWorkflowTypes({ key: "tiny", version: 3, definition });
    expect(source).toContain('export type TinyTransitionsFrom = {\n  "a": "go";\n  "b": never;\n};');
    expect(source).toContain("export type TinyMetadata = { [key: string]: unknown };");
    expect(source).toContain("  version: 3;");
    expect(warnings).toEqual([]);
  });

  it("types every guard of a workflow with several", async () => {
    const { source } = await renderWorkflowTypes({ key: "expenses", version: 1, definition: exampleExpenseDefinition });
    const guarded = exampleExpenseDefinition.transitions.filter((t) => t.guard).map((t) => pascalCase(t.key));
    expect(guarded.length).toBeGreaterThan(0);
    for (const name of guarded) expect(source).toContain(`export interface Expenses${name}Guard {`);
  });
});

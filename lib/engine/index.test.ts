import { describe, expect, it } from "vitest";
import * as engine from "./index";

describe("engine public API", () => {
  it("exports the documented entry points", () => {
    for (const name of [
      "workflowDefinitionSchema",
      "parseDefinition",
      "validateGraph",
      "validateDefinitionJson",
      "resolveTransition",
      "availableTransitions",
      "canRole",
      "retryDelayMs",
      "retrySchedule",
      "totalRetryTimeMs",
      "shouldRetry",
      "planRetry",
      "shortestPaths",
      "evaluateGuard",
      "exampleInvoiceDefinition",
      "exampleExpenseDefinition",
    ]) {
      expect(engine, name).toHaveProperty(name);
    }
  });
});

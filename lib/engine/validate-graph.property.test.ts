import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDefinition } from "./definition-schema";
import { sortProblems } from "./graph-problem";
import { validateDefinitionJson, validateGraph } from "./validate-graph";
import { definitionArbitrary, garbageArbitrary, permutedDefinitionArbitrary } from "./testing/definition-arbitrary";

describe("validation (properties)", () => {
  it("generated definitions pass the schema (the generator is honest)", () => {
    fc.assert(
      fc.property(definitionArbitrary, (input) => {
        expect(parseDefinition(input).ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("validateGraph never throws and returns sorted problems without repeats", () => {
    fc.assert(
      fc.property(definitionArbitrary, (input) => {
        const parsed = parseDefinition(input);
        if (!parsed.ok) return;
        const problems = validateGraph(parsed.definition);
        expect(problems).toEqual(sortProblems(problems));
        expect(problems.every((p) => p.code !== "SCHEMA")).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("validateDefinitionJson never throws on anything", () => {
    fc.assert(
      fc.property(garbageArbitrary, (input) => {
        const result = validateDefinitionJson(input);
        expect(Array.isArray(result.problems)).toBe(true);
        expect(result.isValid).toBe(result.definition !== null && result.problems.every((p) => p.severity !== "error"));
      }),
      { numRuns: 500 },
    );
  });

  it("gives identical results whatever the order of states and transitions", () => {
    fc.assert(
      fc.property(permutedDefinitionArbitrary, ({ original, permuted }) => {
        expect(validateDefinitionJson(permuted).problems).toEqual(validateDefinitionJson(original).problems);
      }),
      { numRuns: 500 },
    );
  });
});

import { describe, expect, it } from "vitest";
import type { WorkflowDefinition } from "./definition-schema";
import { validateDefinitionJson, validateGraph } from "./validate-graph";
import { baseInput, summarize } from "./testing/build-definition";

describe("validateGraph", () => {
  it("reports every problem at once, sorted errors first", () => {
    const result = validateDefinitionJson({
      states: [
        { key: "draft", kind: "initial" },
        { key: "draft", kind: "normal" },
        { key: "orphan", kind: "normal" },
        { key: "failed", kind: "error" },
      ],
      transitions: [{ key: "go", from: ["draft"], to: "nowhere", roles: [] }],
    });
    expect(summarize(result.problems)).toEqual([
      "DANGLING_REFERENCE nowhere/go",
      "DEAD_END_STATE orphan/-",
      "DUPLICATE_STATE_KEY draft/-",
      "ERROR_STATE_NO_EXIT failed/-",
      "NO_TERMINAL_STATE -/-",
      "UNREACHABLE_STATE failed/-",
      "UNREACHABLE_STATE orphan/-",
      "EMPTY_ROLES -/go",
    ]);
    expect(result.isValid).toBe(false);
  });

  it("treats keys such as constructor like any other", () => {
    const result = validateDefinitionJson({
      states: [
        { key: "constructor", kind: "initial" },
        { key: "to_string", kind: "terminal" },
      ],
      transitions: [{ key: "constructor", from: ["constructor"], to: "to_string" }],
      layout: { constructor: { x: 0, y: 0 } },
    });
    expect(result.problems).toEqual([]);
  });

  it("never throws, even when a rule meets something the schema never lets through", () => {
    const broken = { states: [{ key: "a", kind: "initial" }], transitions: [{ key: "t", from: null, to: "a" }] };
    const problems = validateGraph(broken as unknown as WorkflowDefinition);
    expect(problems.map((p) => p.code)).toEqual(["SCHEMA"]);
    expect(problems[0]?.message).toMatch(/^The definition could not be checked/);
  });
});

describe("validateDefinitionJson", () => {
  it("returns the parsed definition and no problems for a valid one", () => {
    const result = validateDefinitionJson(baseInput());
    expect(result).toEqual({
      definition: expect.objectContaining({ states: expect.any(Array) }),
      problems: [],
      isValid: true,
    });
  });

  it("turns schema issues into SCHEMA problems with their path", () => {
    const result = validateDefinitionJson({ states: [{ key: "Bad", kind: "initial" }], transitions: [] });
    expect(result.definition).toBeNull();
    expect(result.problems).toEqual([
      {
        code: "SCHEMA",
        severity: "error",
        path: "states[0].key",
        message: 'states[0].key: "Bad" is not a valid key: start with a lowercase letter, then use only a-z, 0-9 and _',
      },
    ]);
  });

  it("is valid with warnings only", () => {
    const input = baseInput();
    input.transitions.push({ key: "back", from: ["review"], to: "draft", roles: [] });
    const result = validateDefinitionJson(input);
    expect(result.problems.map((p) => p.severity)).toEqual(["warning"]);
    expect(result.isValid).toBe(true);
  });

  it("survives hostile input", () => {
    const hostile = {
      get states(): unknown {
        throw new Error("boom");
      },
      transitions: [],
    };
    const result = validateDefinitionJson(hostile);
    expect(result.isValid).toBe(false);
    expect(result.problems[0]?.code).toBe("SCHEMA");
    for (const junk of [undefined, null, 0, "x", [], () => 1, Symbol("s"), new Map(), Object.create(null)]) {
      expect(validateDefinitionJson(junk).isValid).toBe(false);
    }
  });
});

import { describe, expect, it } from "vitest";
import { compareProblems, hasErrors, problem, sortProblems } from "./graph-problem";

describe("problem", () => {
  it("leaves out locations that are not given", () => {
    expect(problem("NO_INITIAL_STATE", "error", "x")).toEqual({
      code: "NO_INITIAL_STATE",
      severity: "error",
      message: "x",
    });
    expect(Object.keys(problem("DEAD_END_STATE", "error", "x", { stateKey: "a", transitionKey: undefined }))).toEqual([
      "code",
      "severity",
      "message",
      "stateKey",
    ]);
  });
});

describe("sortProblems", () => {
  const w = problem("EMPTY_ROLES", "warning", "w", { transitionKey: "t" });
  const e1 = problem("DEAD_END_STATE", "error", "e1", { stateKey: "b" });
  const e2 = problem("DEAD_END_STATE", "error", "e2", { stateKey: "a" });
  const e3 = problem("DANGLING_REFERENCE", "error", "e3", { stateKey: "z" });

  it("puts errors first, then orders by code, state, transition, message", () => {
    expect(sortProblems([w, e1, e2, e3]).map((p) => p.message)).toEqual(["e3", "e2", "e1", "w"]);
  });

  it("drops exact repeats and does not mutate its input", () => {
    const input = [e1, w, { ...e1 }];
    expect(sortProblems(input)).toEqual([e1, w]);
    expect(input).toHaveLength(3);
  });

  it("is a total order", () => {
    expect(compareProblems(e1, { ...e1 })).toBe(0);
    expect(Math.sign(compareProblems(e1, e2))).toBe(-Math.sign(compareProblems(e2, e1)));
  });
});

describe("hasErrors", () => {
  it("is true only with an error-severity problem", () => {
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([problem("EMPTY_ROLES", "warning", "w")])).toBe(false);
    expect(hasErrors([problem("EMPTY_ROLES", "warning", "w"), problem("DEAD_END_STATE", "error", "e")])).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { validateGraph } from "./validate-graph";
import { defineWorkflow, summarize, withExtra } from "./testing/build-definition";

describe("reachability rules", () => {
  it("UNREACHABLE_STATE", () => {
    const def = withExtra({
      states: [{ key: "orphan", kind: "normal" }],
      transitions: [{ key: "finish", from: ["orphan"], to: "done" }],
    });
    const problems = validateGraph(def);
    expect(summarize(problems)).toEqual(["UNREACHABLE_STATE orphan/-"]);
    expect(problems[0]?.message).toBe('State "orphan" cannot be reached from the initial state');
  });

  it("states reached only through a global transition are reachable", () => {
    const def = withExtra({
      states: [{ key: "cancelled", kind: "terminal" }],
      transitions: [{ key: "cancel", from: ["*"], to: "cancelled" }],
    });
    expect(validateGraph(def)).toEqual([]);
  });

  it("DEAD_END_STATE for a non-terminal state without exits", () => {
    const def = withExtra({
      states: [{ key: "stuck", kind: "normal" }],
      transitions: [{ key: "park", from: ["review"], to: "stuck" }],
    });
    const problems = validateGraph(def);
    expect(summarize(problems)).toEqual(["DEAD_END_STATE stuck/-"]);
    expect(problems[0]?.message).toBe('State "stuck" is not terminal but has no outgoing transition');
  });

  it("ERROR_STATE_NO_EXIT instead of DEAD_END_STATE for error states", () => {
    const def = withExtra({
      states: [{ key: "failed", kind: "error" }],
      transitions: [{ key: "fail", from: ["review"], to: "failed" }],
    });
    const problems = validateGraph(def);
    expect(summarize(problems)).toEqual(["ERROR_STATE_NO_EXIT failed/-"]);
    expect(problems[0]?.message).toMatch(/^Error state "failed" has no way out/);
  });

  it("a global transition is a way out of an error state", () => {
    const def = withExtra({
      states: [
        { key: "failed", kind: "error" },
        { key: "cancelled", kind: "terminal" },
      ],
      transitions: [
        { key: "fail", from: ["review"], to: "failed" },
        { key: "cancel", from: ["*"], to: "cancelled" },
      ],
    });
    expect(validateGraph(def)).toEqual([]);
  });

  it("NO_PATH_TO_TERMINAL for states that can only circle", () => {
    const def = withExtra({
      states: [
        { key: "ping", kind: "normal" },
        { key: "pong", kind: "normal" },
      ],
      transitions: [
        { key: "serve", from: ["review"], to: "ping" },
        { key: "hit", from: ["ping"], to: "pong" },
        { key: "hit", from: ["pong"], to: "ping" },
      ],
    });
    const problems = validateGraph(def);
    expect(summarize(problems)).toEqual(["NO_PATH_TO_TERMINAL ping/-", "NO_PATH_TO_TERMINAL pong/-"]);
    expect(problems[0]?.message).toBe('No terminal state can be reached from state "ping"');
  });

  it("skips reachability from an initial state when there is none, but still finds dead ends", () => {
    const def = defineWorkflow({
      states: [
        { key: "a", kind: "normal" },
        { key: "z", kind: "terminal" },
      ],
      transitions: [],
    });
    expect(summarize(validateGraph(def))).toEqual(["DEAD_END_STATE a/-", "NO_INITIAL_STATE -/-"]);
  });

  it("does not follow transitions out of terminal states", () => {
    const def = withExtra({
      states: [{ key: "after", kind: "normal" }],
      transitions: [
        { key: "reopen", from: ["done"], to: "after" },
        { key: "close", from: ["after"], to: "done" },
      ],
    });
    expect(summarize(validateGraph(def))).toEqual(["TERMINAL_HAS_OUTGOING done/reopen", "UNREACHABLE_STATE after/-"]);
  });
});

import { describe, expect, it } from "vitest";
import { clearOutcomeReferences, renameOutcomeReferences } from "./rename-outcome-references";

const node = (id: string, state: Record<string, unknown>) => ({
  id,
  type: "state",
  position: { x: 0, y: 0 },
  data: { state: { kind: "normal", ...state } },
});

describe("renameOutcomeReferences", () => {
  const nodes = [
    node("n1", { key: "extract", onSuccess: "done", onFailure: "failed" }),
    node("n2", { key: "other", onSuccess: "done" }),
  ];

  it("repoints onSuccess/onFailure of the renamed transition's sources only", () => {
    const next = renameOutcomeReferences(nodes, new Set(["n1"]), "done", "extracted");
    expect(next[0]!.data.state).toMatchObject({ onSuccess: "extracted", onFailure: "failed" });
    expect(next[1]).toBe(nodes[1]); // not a source of that transition
  });

  it("handles onFailure and leaves unrelated nodes untouched", () => {
    const next = renameOutcomeReferences(nodes, new Set(["n1", "n2"]), "failed", "gave_up");
    expect(next[0]!.data.state).toMatchObject({ onSuccess: "done", onFailure: "gave_up" });
    expect(next[1]).toBe(nodes[1]);
  });

  it("returns the same array when nothing refers to the old key", () => {
    expect(renameOutcomeReferences(nodes, new Set(["n1"]), "approve", "ok")).toBe(nodes);
  });
});

describe("clearOutcomeReferences", () => {
  const nodes = [
    node("n1", { key: "extract", onSuccess: "done", onFailure: "failed" }),
    node("n2", { key: "other", onSuccess: "done" }),
  ];

  it("drops the outcome naming a transition that no longer leaves the state, and only there", () => {
    const next = clearOutcomeReferences(nodes, "n1", "done");
    expect(next[0]!.data.state).toEqual({ kind: "normal", key: "extract", onFailure: "failed" });
    expect(next[1]).toBe(nodes[1]);
  });

  it("returns the same array when the state did not name it", () => {
    expect(clearOutcomeReferences(nodes, "n2", "failed")).toBe(nodes);
  });
});

describe("the state's timer follows its transition", () => {
  const timed = [node("n1", { key: "waiting", timeout: { afterSeconds: 60, transition: "escalate" } })];

  it("is repointed when the transition is renamed", () => {
    const next = renameOutcomeReferences(timed, new Set(["n1"]), "escalate", "remind");
    expect(next[0]!.data.state).toMatchObject({ timeout: { afterSeconds: 60, transition: "remind" } });
  });

  it("is removed when the transition no longer leaves the state", () => {
    const next = clearOutcomeReferences(timed, "n1", "escalate");
    expect(next[0]!.data.state).not.toHaveProperty("timeout");
    expect(clearOutcomeReferences(timed, "n1", "other")).toBe(timed);
  });
});

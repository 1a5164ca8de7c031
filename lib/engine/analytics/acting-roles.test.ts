import { describe, expect, it } from "vitest";
import { parseDefinition, type WorkflowDefinition } from "../definition-schema";
import { rolesThatCanLeave } from "./acting-roles";

const definition = (() => {
  const parsed = parseDefinition({
    states: [
      { key: "draft", kind: "initial" },
      { key: "review", kind: "normal", timeout: { afterSeconds: 3600, transition: "escalate" } },
      { key: "escalated", kind: "normal", timeout: { afterSeconds: 3600, transition: "expire" } },
      { key: "signing", kind: "normal", action: { type: "noop" }, onSuccess: "signed", onFailure: "fail" },
      { key: "approval", kind: "normal" },
      { key: "failed", kind: "error" },
      { key: "done", kind: "terminal" },
    ],
    transitions: [
      { key: "submit", from: ["draft"], to: "review" },
      { key: "escalate", from: ["review"], to: "escalated" },
      { key: "expire", from: ["escalated"], to: "done" },
      { key: "approve", from: ["review"], to: "approval", roles: ["viewer"] },
      { key: "sign", from: ["approval"], to: "signing", roles: ["admin"] },
      { key: "signed", from: ["signing"], to: "done" },
      { key: "fail", from: ["signing"], to: "failed" },
      { key: "cancel", from: ["*"], to: "done", roles: ["admin"] },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.definition as WorkflowDefinition;
})();

describe("rolesThatCanLeave", () => {
  it("counts the roles allowed by a person's transition (no roles list: operators and admins)", () => {
    expect(rolesThatCanLeave(definition, "draft")).toEqual(["operator", "admin"]);
    expect(rolesThatCanLeave(definition, "approval")).toEqual(["admin"]);
  });

  it("ignores the timer's transition but keeps the others of a timed state", () => {
    expect(rolesThatCanLeave(definition, "review")).toEqual(["viewer", "admin"]);
    // Only the timer (and an admin's cancel) lead out of escalated.
    expect(rolesThatCanLeave(definition, "escalated")).toEqual(["admin"]);
  });

  it("gives nobody action states, terminal states and unknown states", () => {
    expect(rolesThatCanLeave(definition, "signing")).toEqual([]);
    expect(rolesThatCanLeave(definition, "done")).toEqual([]);
    expect(rolesThatCanLeave(definition, "nowhere")).toEqual([]);
  });

  it("an action's error state is left by a manual retry (operators and up) and the transitions out", () => {
    expect(rolesThatCanLeave(definition, "failed")).toEqual(["operator", "admin"]);
  });
});

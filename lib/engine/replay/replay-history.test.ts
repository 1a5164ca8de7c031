import { describe, expect, it } from "vitest";
import { defineWorkflow } from "../testing/build-definition";
import type { WorkflowDefinitionInput } from "../definition-schema";
import { replayHistory } from "./replay-history";
import type { ReplayDocumentPath, ReplayStep } from "./replay-input";

const HOUR = 3_600_000;
const SINCE = Date.UTC(2026, 0, 1);
const AS_OF = SINCE + 7 * 24 * HOUR;

function published(): WorkflowDefinitionInput {
  return {
    states: [
      { key: "draft", kind: "initial" },
      { key: "review", kind: "normal", sla: { maxSeconds: 48 * 3600 } },
      { key: "legal", kind: "normal" },
      { key: "done", kind: "terminal" },
    ],
    transitions: [
      { key: "submit", from: ["draft"], to: "review" },
      { key: "to_legal", from: ["review"], to: "legal" },
      { key: "approve", from: ["review", "legal"], to: "done" },
    ],
  };
}

const CURRENT = defineWorkflow(published());

function step(type: ReplayStep["type"], at: number, from: string | null, to: string, key: string | null = null) {
  return {
    type,
    fromState: from,
    toState: to,
    transitionKey: key,
    actorType: "USER",
    role: "operator",
    at,
  } satisfies ReplayStep;
}

/** draft → review (submit, 1h) → done (approve after `reviewHours`). */
function approvedPath(id: string, reviewHours: number, metadata: unknown = {}): ReplayDocumentPath {
  return {
    documentId: id,
    version: 1,
    steps: [
      step("CREATED", SINCE, null, "draft"),
      step("TRANSITION", SINCE + HOUR, "draft", "review", "submit"),
      step("TRANSITION", SINCE + HOUR + reviewHours * HOUR, "review", "done", "approve"),
    ],
    state: "done",
    stateEnteredAt: SINCE + HOUR + reviewHours * HOUR,
    metadata,
  };
}

function replay(draftInput: WorkflowDefinitionInput, paths: ReplayDocumentPath[]) {
  return replayHistory(
    {
      draft: defineWorkflow(draftInput),
      current: CURRENT,
      baselines: new Map([[1, CURRENT]]),
      since: SINCE,
      asOf: AS_OF,
    },
    paths,
  );
}

describe("replayHistory", () => {
  it("reports nothing when the draft equals the published version", () => {
    const report = replay(published(), [approvedPath("a", 2), approvedPath("b", 3)]);
    expect(report).toMatchObject({
      documents: 2,
      steps: 4,
      removedTransitions: [],
      retargetedTransitions: [],
      forbiddenTransitions: [],
      guardFailures: [],
      unmappedStates: [],
      newSlaBreaches: [],
    });
  });

  it("returns an empty report for an empty history", () => {
    const report = replay(published(), []);
    expect(report.documents).toBe(0);
    expect(report.steps).toBe(0);
    expect(report.removedTransitions).toEqual([]);
    expect(report.metadataSource).toBe("current");
  });

  it("counts transitions really taken that the draft removes, with examples and actors", () => {
    const draft = published();
    draft.transitions = draft.transitions.map((t) => (t.key === "approve" ? { ...t, from: ["legal"] } : t));
    const report = replay(draft, [approvedPath("a", 2), approvedPath("b", 3), approvedPath("a2", 1)]);
    expect(report.removedTransitions).toEqual([
      {
        transitionKey: "approve",
        fromState: "review",
        toState: "done",
        reason: "NOT_FROM_STATE",
        count: 3,
        byActor: { USER: 3, API: 0, SYSTEM: 0 },
        examples: ["a", "b", "a2"],
      },
    ]);
  });

  it("names a transition whose key is gone and one whose source state is gone", () => {
    const draft = published();
    draft.transitions = draft.transitions.filter((t) => t.key !== "submit");
    draft.transitions.push({ key: "send", from: ["draft"], to: "review" });
    draft.states = draft.states.filter((s) => s.key !== "legal");
    draft.transitions = draft.transitions.map((t) => (t.key === "approve" ? { ...t, from: ["review"] } : t));
    draft.transitions = draft.transitions.filter((t) => t.key !== "to_legal");
    const legal: ReplayDocumentPath = {
      documentId: "l",
      version: 1,
      steps: [step("TRANSITION", SINCE + HOUR, "legal", "done", "approve")],
      state: "done",
      stateEnteredAt: SINCE + HOUR,
      metadata: {},
    };
    const report = replay(draft, [approvedPath("a", 1), legal]);
    expect(report.removedTransitions.map((f) => [f.transitionKey, f.fromState, f.reason, f.count])).toEqual([
      ["submit", "draft", "TRANSITION_REMOVED", 1],
      ["approve", "legal", "STATE_REMOVED", 1],
    ]);
    expect(report.unmappedStates).toEqual([
      { state: "legal", label: "legal", kind: "normal", recentDocuments: 1, examples: ["l"] },
    ]);
  });

  it("lists an unmapped state nobody visited recently with zero documents", () => {
    const draft = published();
    draft.states = draft.states.filter((s) => s.key !== "legal");
    draft.transitions = draft.transitions
      .filter((t) => t.key !== "to_legal")
      .map((t) => (t.key === "approve" ? { ...t, from: ["review"] } : t));
    const report = replay(draft, [approvedPath("a", 1)]);
    expect(report.unmappedStates).toEqual([
      { state: "legal", label: "legal", kind: "normal", recentDocuments: 0, examples: [] },
    ]);
    expect(report.removedTransitions).toEqual([]);
  });

  it("reports steps the draft forbids to the actor's role, and skips the check for unknown roles", () => {
    const draft = published();
    draft.transitions = draft.transitions.map((t) => (t.key === "approve" ? { ...t, roles: ["admin"] } : t));
    const unknown = approvedPath("u", 1);
    unknown.steps = unknown.steps.map((s) => ({ ...s, role: null }));
    const system = approvedPath("s", 1);
    system.steps = system.steps.map((s) => ({ ...s, actorType: "SYSTEM", role: "admin" }));
    const report = replay(draft, [approvedPath("a", 1), unknown, system]);
    expect(report.forbiddenTransitions).toEqual([
      expect.objectContaining({
        transitionKey: "approve",
        fromState: "review",
        role: "operator",
        count: 1,
        byActor: { USER: 1, API: 0, SYSTEM: 0 },
        examples: ["a"],
      }),
    ]);
    expect(report.forbiddenTransitions[0]!.message).toContain('may not fire transition "approve"');
  });

  it("reports guards of the draft that the documents' metadata fails, per failure", () => {
    const draft = published();
    draft.transitions = draft.transitions.map((t) =>
      t.key === "approve" ? { ...t, guard: { jsonSchema: { type: "object", required: ["amount"] } } } : t,
    );
    const report = replay(draft, [approvedPath("a", 1, { amount: 5 }), approvedPath("b", 1), approvedPath("c", 1)]);
    expect(report.guardFailures).toEqual([
      {
        transitionKey: "approve",
        fromState: "review",
        count: 2,
        failures: [{ path: "/amount", message: "is required", count: 2 }],
        examples: ["b", "c"],
      },
    ]);
  });

  it("does not report a guard the draft leaves unchanged: the step passed it with the metadata of its time", () => {
    const guarded = published();
    guarded.transitions = guarded.transitions.map((t) =>
      t.key === "approve" ? { ...t, guard: { jsonSchema: { type: "object", required: ["amount"] } } } : t,
    );
    const baseline = defineWorkflow(guarded);
    const options = { current: baseline, baselines: new Map([[1, baseline]]), since: SINCE, asOf: AS_OF };
    const unchanged = replayHistory({ ...options, draft: defineWorkflow(guarded) }, [approvedPath("b", 1)]);
    expect(unchanged.guardFailures).toEqual([]);
    const stricter = structuredClone(guarded);
    stricter.transitions = stricter.transitions.map((t) =>
      t.key === "approve" ? { ...t, guard: { jsonSchema: { type: "object", required: ["amount", "vat"] } } } : t,
    );
    const changed = replayHistory({ ...options, draft: defineWorkflow(stricter) }, [
      approvedPath("b", 1, { amount: 1 }),
    ]);
    expect(changed.guardFailures[0]?.failures).toEqual([{ path: "/vat", message: "is required", count: 1 }]);
  });

  it("reports a transition the draft points elsewhere", () => {
    const draft = published();
    draft.transitions = draft.transitions.map((t) => (t.key === "submit" ? { ...t, to: "legal" } : t));
    const report = replay(draft, [approvedPath("a", 1)]);
    expect(report.retargetedTransitions).toEqual([
      {
        transitionKey: "submit",
        fromState: "draft",
        toState: "review",
        draftToState: "legal",
        count: 1,
        examples: ["a"],
      },
    ]);
  });

  it("counts new SLA breaches: over the draft's SLA but within the published one", () => {
    const draft = published();
    draft.states = draft.states.map((s) => (s.key === "review" ? { ...s, sla: { maxSeconds: 24 * 3600 } } : s));
    const report = replay(draft, [
      approvedPath("fast", 10), // within both
      approvedPath("slow", 30), // new breach: 30h > 24h, ≤ 48h
      approvedPath("late", 50), // already late under the published 48h: not new
    ]);
    expect(report.newSlaBreaches).toEqual([
      {
        state: "review",
        draftMaxSeconds: 24 * 3600,
        baselineMaxSeconds: 48 * 3600,
        count: 1,
        maxDwellSeconds: 30 * 3600,
        examples: [{ documentId: "slow", dwellSeconds: 30 * 3600 }],
      },
    ]);
  });

  it("measures open stays to asOf and stays begun before the window from its start", () => {
    const draft = published();
    draft.states = draft.states.map((s) => (s.key === "legal" ? { ...s, sla: { maxSeconds: 3600 } } : s));
    const waiting: ReplayDocumentPath = {
      documentId: "open",
      version: 1,
      steps: [],
      state: "legal",
      stateEnteredAt: AS_OF - 2 * HOUR,
      metadata: {},
    };
    const clipped: ReplayDocumentPath = {
      documentId: "clipped",
      version: 1,
      steps: [step("TRANSITION", SINCE + 3 * HOUR, "legal", "done", "approve")],
      state: "done",
      stateEnteredAt: SINCE + 3 * HOUR,
      metadata: {},
    };
    const report = replay(draft, [waiting, clipped]);
    expect(report.newSlaBreaches[0]).toMatchObject({
      state: "legal",
      count: 2,
      maxDwellSeconds: 3 * 3600,
      examples: [
        { documentId: "open", dwellSeconds: 2 * 3600 },
        { documentId: "clipped", dwellSeconds: 3 * 3600 },
      ],
    });
  });

  it("keeps at most the example limit of distinct documents per finding", () => {
    const draft = published();
    draft.transitions = draft.transitions.map((t) => (t.key === "approve" ? { ...t, from: ["legal"] } : t));
    const paths = Array.from({ length: 20 }, (_, i) => approvedPath(`d${i}`, 1));
    const report = replayHistory(
      {
        draft: defineWorkflow(draft),
        current: CURRENT,
        baselines: new Map(),
        since: SINCE,
        asOf: AS_OF,
        exampleLimit: 3,
      },
      paths,
    );
    expect(report.removedTransitions[0]).toMatchObject({ count: 20, examples: ["d0", "d1", "d2"] });
  });
});

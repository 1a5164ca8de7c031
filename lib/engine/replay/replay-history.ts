import type { WorkflowDefinition } from "../definition-schema";
import { findState, findTransitionFrom } from "../graph-index";
import { evaluateGuard, type GuardFailure } from "../guards";
import { resolveTransition, type ResolveResult } from "../resolve-transition";
import type { Role } from "../roles";
import type { ReplayDocumentPath, ReplayOptions, ReplayStep } from "./replay-input";
import type {
  ActorCounts,
  ForbiddenTransitionFinding,
  GuardFailureFinding,
  RemovedStepReason,
  RemovedTransitionFinding,
  ReplayReport,
  RetargetedTransitionFinding,
  SlaBreachFinding,
  UnmappedStateFinding,
} from "./replay-report";
import { FindingTally } from "./finding-tally";
import { stateVisits } from "./state-visits";

export const DEFAULT_REPLAY_EXAMPLES = 5;

/** A replay fed one document path at a time (history arrives in pages), reported at the end. */
export interface ReplayAccumulator {
  add(path: ReplayDocumentPath): void;
  report(): ReplayReport;
}

/**
 * A step's verdict up to the guard: everything resolveTransition checks before the guard
 * depends only on (state, key, role), so it is decided once per triple; the guard, which
 * reads each document's metadata, is evaluated per step, and only when the draft changes it:
 * history keeps no metadata values, so an unchanged guard failing today's metadata says
 * nothing about the draft (the step passed that same guard when it was taken).
 */
type Decision =
  { ok: true; to: string; guard: object | null } | { ok: false; resolved: Extract<ResolveResult, { ok: false }> };

const noActors = (): ActorCounts => ({ USER: 0, API: 0, SYSTEM: 0 });

const REMOVED_BY_RESOLUTION: Record<string, RemovedStepReason> = {
  UNKNOWN_STATE: "STATE_REMOVED",
  UNKNOWN_TRANSITION: "TRANSITION_REMOVED",
  NOT_FROM_STATE: "NOT_FROM_STATE",
  TERMINAL_STATE: "NOT_FROM_STATE",
};

/**
 * Pure (local state only): replays real document paths against a draft. Every TRANSITION
 * step is resolved on the draft exactly as a fire would be (resolveTransition: state, key,
 * source, role, guard) with the step's actor role and the document's metadata; the other
 * state-changing steps (created, forced moves, manual retries, migrations) only shape the
 * stays whose dwell is held against the draft's SLAs. States of the latest published version
 * that the draft lacks are the unmapped ones.
 */
export function createReplay(options: ReplayOptions): ReplayAccumulator {
  const { draft, current, baselines, since, asOf } = options;
  const exampleLimit = options.exampleLimit ?? DEFAULT_REPLAY_EXAMPLES;
  const removed = new FindingTally<RemovedTransitionFinding>(exampleLimit);
  const retargeted = new FindingTally<RetargetedTransitionFinding>(exampleLimit);
  const forbidden = new FindingTally<ForbiddenTransitionFinding>(exampleLimit);
  const guards = new FindingTally<GuardFailureFinding>(exampleLimit);
  const unmapped = new FindingTally<UnmappedStateFinding & { count: number }>(exampleLimit);
  const breaches = new Map<string, SlaBreachFinding>();
  const unmappedStates = new Map(
    (current?.states ?? []).filter((s) => !findState(draft, s.key)).map((s) => [s.key, s] as const),
  );
  let documents = 0;
  let steps = 0;

  const decisions = new Map<string, Decision>();

  function decide(fromState: string, key: string, role: Role, version: number, metadata: unknown): Decision {
    const id = `${fromState}\u0000${key}\u0000${role}\u0000${version}`;
    const known = decisions.get(id);
    if (known) return known;
    const resolved = resolveTransition(draft, fromState, key, role, metadata);
    let decision: Decision;
    if (resolved.ok || resolved.reason === "GUARD") {
      const transition = findTransitionFrom(draft, fromState, key)!;
      const guard = transition.guard?.jsonSchema ?? null;
      const baseline = baselines.get(version) ?? current;
      const before = baseline ? findTransitionFrom(baseline, fromState, key)?.guard?.jsonSchema : undefined;
      const isUnchanged = guard !== null && before !== undefined && JSON.stringify(before) === JSON.stringify(guard);
      decision = { ok: true, to: transition.to, guard: isUnchanged ? null : guard };
    } else decision = { ok: false, resolved };
    decisions.set(id, decision);
    return decision;
  }

  function checkStep(path: ReplayDocumentPath, step: ReplayStep): void {
    if (step.type !== "TRANSITION" || !step.fromState || !step.transitionKey || !step.toState) return;
    steps += 1;
    const id = path.documentId;
    const { fromState, transitionKey: key, toState } = step;
    const role = step.role ?? "admin"; // unknown actor: no role check rather than a guess
    const metadata = path.metadata ?? {};
    const decision = decide(fromState, key, role, path.version, metadata);
    if (decision.ok) {
      const guard = decision.guard ? evaluateGuard(decision.guard, metadata) : null;
      if (guard && !guard.ok) addGuardFailure(fromState, key, id, guard.failures);
      else if (decision.to !== toState) {
        retargeted.add(
          `${fromState}\u0000${key}\u0000${toState}`,
          () => ({ transitionKey: key, fromState, toState, draftToState: decision.to, count: 0, examples: [] }),
          id,
        );
      }
      return;
    }
    const { resolved } = decision;
    if (resolved.reason === "ROLE") {
      const finding = forbidden.add(
        `${fromState}\u0000${key}\u0000${role}`,
        () => ({
          transitionKey: key,
          fromState,
          role,
          message: resolved.message,
          count: 0,
          byActor: noActors(),
          examples: [],
        }),
        id,
      );
      finding.byActor[step.actorType] += 1;
      return;
    }
    const reason = REMOVED_BY_RESOLUTION[resolved.reason] ?? "TRANSITION_REMOVED";
    const finding = removed.add(
      `${fromState}\u0000${key}\u0000${toState}`,
      () => ({ transitionKey: key, fromState, toState, reason, count: 0, byActor: noActors(), examples: [] }),
      id,
    );
    finding.byActor[step.actorType] += 1;
  }

  function addGuardFailure(fromState: string, key: string, documentId: string, failures: GuardFailure[]): void {
    const finding = guards.add(
      `${fromState}\u0000${key}`,
      () => ({ transitionKey: key, fromState, count: 0, failures: [], examples: [] }),
      documentId,
    );
    for (const failure of failures) {
      const known = finding.failures.find((f) => f.path === failure.path && f.message === failure.message);
      if (known) known.count += 1;
      else finding.failures.push({ ...failure, count: 1 });
    }
  }

  function checkDwell(path: ReplayDocumentPath): void {
    const baseline: WorkflowDefinition | null = baselines.get(path.version) ?? current;
    const visited = new Set<string>();
    for (const visit of stateVisits(path, since, asOf)) {
      visited.add(visit.state);
      const state = findState(draft, visit.state);
      const limit = state?.kind === "terminal" ? undefined : state?.sla?.maxSeconds;
      if (limit === undefined) continue;
      const dwellSeconds = Math.floor((visit.leftAt - visit.enteredAt) / 1000);
      if (dwellSeconds <= limit) continue;
      const baselineLimit = baseline ? findState(baseline, visit.state)?.sla?.maxSeconds : undefined;
      if (baselineLimit !== undefined && dwellSeconds > baselineLimit) continue; // late already: not new
      addBreach(visit.state, limit, path.documentId, dwellSeconds);
    }
    for (const key of visited) {
      const state = unmappedStates.get(key);
      if (state) {
        unmapped.add(
          key,
          () => ({
            state: key,
            label: state.label ?? key,
            kind: state.kind,
            recentDocuments: 0,
            count: 0,
            examples: [],
          }),
          path.documentId,
        );
      }
    }
  }

  function addBreach(stateKey: string, limit: number, documentId: string, dwellSeconds: number): void {
    let finding = breaches.get(stateKey);
    if (!finding) {
      const baselineLimit = current ? findState(current, stateKey)?.sla?.maxSeconds : undefined;
      finding = {
        state: stateKey,
        draftMaxSeconds: limit,
        baselineMaxSeconds: baselineLimit ?? null,
        count: 0,
        maxDwellSeconds: 0,
        examples: [],
      };
      breaches.set(stateKey, finding);
    }
    finding.count += 1;
    finding.maxDwellSeconds = Math.max(finding.maxDwellSeconds, dwellSeconds);
    if (finding.examples.length < exampleLimit && !finding.examples.some((e) => e.documentId === documentId))
      finding.examples.push({ documentId, dwellSeconds });
  }

  return {
    add(path) {
      documents += 1;
      for (const step of path.steps) checkStep(path, step);
      checkDwell(path);
    },
    report() {
      return {
        documents,
        steps,
        metadataSource: "current",
        roleSource: "current",
        removedTransitions: removed.list(),
        retargetedTransitions: retargeted.list(),
        forbiddenTransitions: forbidden.list(),
        guardFailures: guards.list(),
        unmappedStates: [
          ...unmapped.list().map(({ count, ...finding }) => ({ ...finding, recentDocuments: count })),
          // States nobody visited in the window still have no mapping: listed with zero.
          ...[...unmappedStates.values()]
            .filter((s) => !unmapped.list().some((f) => f.state === s.key))
            .map((s) => ({ state: s.key, label: s.label ?? s.key, kind: s.kind, recentDocuments: 0, examples: [] })),
        ],
        newSlaBreaches: [...breaches.values()].sort((a, b) => b.count - a.count || a.state.localeCompare(b.state)),
      };
    },
  };
}

/** Pure: the replay of every path at once (createReplay for callers that have them all). */
export function replayHistory(options: ReplayOptions, paths: Iterable<ReplayDocumentPath>): ReplayReport {
  const replay = createReplay(options);
  for (const path of paths) replay.add(path);
  return replay.report();
}

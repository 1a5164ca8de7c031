import type { ReplayDocumentPath } from "./replay-input";

/** One stay of a document in a state, in epoch ms. */
export interface StateVisit {
  state: string;
  enteredAt: number;
  leftAt: number;
  /** The visit began before the window: `enteredAt` is the window start, so the dwell is a lower bound. */
  isClipped: boolean;
}

/**
 * Pure: the document's stays in states, from its steps inside the window and its current
 * state. A stay that began before the window (the first step leaves a state it entered
 * earlier) is measured from `since`; the last stay runs to `asOf`. A document with no step in
 * the window stays where it is since `stateEnteredAt`, which its row keeps exactly.
 */
export function stateVisits(path: ReplayDocumentPath, since: number, asOf: number): StateVisit[] {
  const visits: StateVisit[] = [];
  const first = path.steps[0];
  if (!first) {
    const enteredAt = path.stateEnteredAt;
    return [{ state: path.state, enteredAt, leftAt: Math.max(asOf, enteredAt), isClipped: false }];
  }
  if (first.fromState) visits.push({ state: first.fromState, enteredAt: since, leftAt: first.at, isClipped: true });
  path.steps.forEach((step, index) => {
    if (!step.toState) return;
    const next = path.steps[index + 1];
    const leftAt = next === undefined ? Math.max(asOf, step.at) : next.at;
    visits.push({ state: step.toState, enteredAt: step.at, leftAt, isClipped: false });
  });
  return visits;
}

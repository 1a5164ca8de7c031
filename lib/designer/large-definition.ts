import type { StateDef, TransitionDef, WorkflowDefinition } from "../engine";

/**
 * Pure: a valid synthetic definition of `stateCount` states and about twice as many
 * transitions (a chain with a skip-ahead and a back edge per state), for scale tests.
 */
export function largeDefinition(stateCount: number): WorkflowDefinition {
  const states: StateDef[] = [];
  const transitions: TransitionDef[] = [];
  const layout: Record<string, { x: number; y: number }> = {};
  const perRow = 25;
  for (let i = 0; i < stateCount; i++) {
    const key = `s${i}`;
    const kind = i === 0 ? "initial" : i === stateCount - 1 ? "terminal" : "normal";
    states.push({ key, label: `State ${i}`, kind });
    layout[key] = { x: (i % perRow) * 260, y: Math.floor(i / perRow) * 160 };
  }
  for (let i = 0; i < stateCount - 1; i++) {
    transitions.push({ key: `next_${i}`, from: [`s${i}`], to: `s${i + 1}` });
    if (i > 0) transitions.push({ key: `back_${i}`, from: [`s${i}`], to: `s${i - 1}` });
  }
  if (stateCount > 2) transitions.push({ key: "skip", from: ["s0"], to: `s${stateCount - 1}` });
  return { states, transitions, layout };
}

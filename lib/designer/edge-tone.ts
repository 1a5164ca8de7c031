import type { ChangeKind } from "./definition-diff";

/** How a transition is drawn, most important first: selected or on the shown path, diff mark, problem, plain. */
export type EdgeTone = "selected" | "path" | ChangeKind | "problem" | "base";

/** Stroke colour per tone; undefined for "base" (React Flow's themed --xy-edge-stroke). */
export const EDGE_TONE_STROKE: Record<EdgeTone, string | undefined> = {
  selected: "#6366f1",
  path: "#6366f1",
  added: "#10b981",
  removed: "#ef4444",
  changed: "#f59e0b",
  problem: "#f59e0b",
  base: undefined,
};

/** Pure: the tone of one transition from its marks. */
export function edgeTone(marks: {
  isSelected: boolean;
  isOnPath: boolean;
  diff?: ChangeKind;
  hasProblem: boolean;
}): EdgeTone {
  if (marks.isSelected) return "selected";
  if (marks.isOnPath) return "path";
  if (marks.diff) return marks.diff;
  return marks.hasProblem ? "problem" : "base";
}

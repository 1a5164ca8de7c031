/*
 * The designer monitor's analytics layer: how often each drawn edge was taken in a period
 * (its width), and where each state's p90 time in state stands against its SLA (its colour).
 * Inputs are the analytics API's dwell and paths answers (rollups); everything here is pure.
 */

/** p90 against the SLA: within (≤ 80 % of it), near (≤ the SLA), over; none without an SLA or stays. */
export type SlaStanding = "within" | "near" | "over" | "none";

/** Share of the SLA up to which a p90 is comfortably "within". */
export const NEAR_SLA_SHARE = 0.8;

/** Pure: where a p90 dwell stands against an SLA. */
export function slaStanding(p90Ms: number | null, slaSeconds: number | null): SlaStanding {
  if (p90Ms === null || slaSeconds === null || slaSeconds <= 0) return "none";
  const slaMs = slaSeconds * 1000;
  if (p90Ms > slaMs) return "over";
  return p90Ms > slaMs * NEAR_SLA_SHARE ? "near" : "within";
}

/** A drawn edge: one (transition, source) pair; source null for a global transition ("*"). */
export interface DrawnEdge {
  id: string;
  transitionKey: string;
  sourceState: string | null;
}

/** A transition count of the period (the paths answer's `transitions`). */
export interface TakenTransition {
  fromState: string;
  transition: string;
  count: number;
}

/** Narrowest and widest stroke of an edge on the layer (screen pixels at zoom 1). */
export const EDGE_WIDTH = { min: 1.5, max: 12 } as const;

/**
 * Pure: times each edge was taken and its stroke width. An edge from a state counts its
 * transition taken from that state; a global edge counts its transition taken from states
 * that have no edge of their own for it. Width grows with the square root of the count
 * (area-like, so one dominant edge does not flatten the rest); untaken edges stay thinnest.
 */
export function edgeFrequencies(
  edges: readonly DrawnEdge[],
  transitions: readonly TakenTransition[],
): Map<string, { count: number; width: number }> {
  const taken = new Map<string, number>();
  for (const t of transitions) {
    if (!t.transition) continue;
    const key = `${t.transition}|${t.fromState}`;
    taken.set(key, (taken.get(key) ?? 0) + t.count);
  }
  const explicit = new Set(
    edges.flatMap((e) => (e.sourceState === null ? [] : [`${e.transitionKey}|${e.sourceState}`])),
  );
  const counts = edges.map((edge) => {
    if (edge.sourceState !== null) return taken.get(`${edge.transitionKey}|${edge.sourceState}`) ?? 0;
    let sum = 0;
    for (const [key, count] of taken) if (key.startsWith(`${edge.transitionKey}|`) && !explicit.has(key)) sum += count;
    return sum;
  });
  const max = Math.max(0, ...counts);
  return new Map(
    edges.map((edge, i) => {
      const count = counts[i]!;
      const width =
        max > 0 ? EDGE_WIDTH.min + (EDGE_WIDTH.max - EDGE_WIDTH.min) * Math.sqrt(count / max) : EDGE_WIDTH.min;
      return [edge.id, { count, width: Math.round(width * 10) / 10 }];
    }),
  );
}

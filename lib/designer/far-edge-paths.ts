import { edgeEnds, edgeGeometry, type CardBox } from "./edge-geometry";
import type { EdgeTone } from "./edge-tone";

export interface FarEdgeInput {
  id: string;
  source: string;
  target: string;
  data?: { lane?: unknown };
}

/** One SVG path drawing every edge of a tone. */
export interface FarEdgeGroup {
  tone: EdgeTone;
  d: string;
}

interface CachedPath {
  sx: number;
  sy: number;
  tx: number;
  ty: number;
  route: string;
  lane: number;
  path: string;
}

/** Drawing order: plain edges first, so marked ones are drawn over them. */
const TONE_ORDER: readonly EdgeTone[] = ["base", "problem", "changed", "removed", "added", "path", "selected"];

/**
 * Pure: the edges touching a dragged node ("live": redrawn on every drag tick) and the rest
 * ("still": their paths stay the same string, so the browser never repaints them).
 */
export function splitByDragging<E extends FarEdgeInput>(
  edges: readonly E[],
  isDragging: (nodeId: string) => boolean,
): { live: E[]; still: E[] } {
  const live: E[] = [];
  const still: E[] = [];
  for (const edge of edges) (isDragging(edge.source) || isDragging(edge.target) ? live : still).push(edge);
  return { live, still };
}

/**
 * Pure (apart from filling `cache`, a memo of path strings by edge id): edges as one SVG
 * path per tone, for drawing a large graph zoomed far out, in the same curves as the edge
 * component. Edges whose nodes are not measured yet are left out, as React Flow leaves them.
 */
export function farEdgeGroups(
  edges: readonly FarEdgeInput[],
  nodeOf: (id: string) => CardBox | undefined,
  toneOf: (edge: FarEdgeInput) => EdgeTone,
  cache: Map<string, CachedPath> = new Map(),
): FarEdgeGroup[] {
  const parts = new Map<EdgeTone, string[]>();
  for (const edge of edges) {
    const source = nodeOf(edge.source);
    const target = nodeOf(edge.target);
    if (!source || !target) continue;
    const ends = edgeEnds(source, target);
    if (!ends) continue;
    const lane = typeof edge.data?.lane === "number" ? edge.data.lane : 0;
    let cached = cache.get(edge.id);
    if (
      !cached ||
      cached.sx !== ends.sx ||
      cached.sy !== ends.sy ||
      cached.tx !== ends.tx ||
      cached.ty !== ends.ty ||
      cached.route !== ends.route ||
      cached.lane !== lane
    ) {
      cached = { ...ends, lane, path: edgeGeometry(ends, edge.source === edge.target, lane).path };
      cache.set(edge.id, cached);
    }
    const tone = toneOf(edge);
    const list = parts.get(tone);
    if (list) list.push(cached.path);
    else parts.set(tone, [cached.path]);
  }
  return TONE_ORDER.filter((tone) => parts.has(tone)).map((tone) => ({ tone, d: parts.get(tone)!.join(" ") }));
}

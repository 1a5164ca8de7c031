/*
 * Pure drawing geometry shared by the two ways the canvas draws a transition: React Flow's
 * edge component (close up, with label and arrow) and the far-zoom edge layer (one path for
 * hundreds of edges). Both must draw the same curve, or edges would jump when the zoom
 * crosses the level-of-detail threshold.
 */

/**
 * Which sides an edge joins: `right` leaves the source's right side for the target's left
 * side (where the cards' handles sit); `down`/`up` join bottom and top of two cards stacked
 * in one column, where a side-to-side curve would loop around both cards and hide its label
 * behind one of them.
 */
export type EdgeRoute = "right" | "down" | "up";

export interface EdgeEnds {
  sx: number;
  sy: number;
  tx: number;
  ty: number;
  route: EdgeRoute;
}

export interface EdgeShape {
  path: string;
  labelX: number;
  labelY: number;
}

/** Least vertical gap between stacked cards for a top/bottom edge; closer, the edge goes side to side. */
const STACK_GAP = 24;

/** Point at `t` on a cubic Bézier (one axis). */
function cubicAt(t: number, p0: number, p1: number, p2: number, p3: number): number {
  const u = 1 - t;
  return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3;
}

/** Parallel edges between the same two states fan out by lane: 0, +46, −46, +92, … */
function laneOffset(lane: number): number {
  return lane === 0 ? 0 : (lane % 2 === 1 ? 1 : -1) * Math.ceil(lane / 2) * 46;
}

/**
 * Pure: the SVG path and label point of an edge. Self-loops arc above their node; back edges
 * arc over the graph; edges between stacked cards run straight down or up, the two
 * directions bowed apart with their labels staggered, so a pair stays readable; parallel
 * edges between the same two states fan out by `lane`.
 */
export function edgeGeometry(ends: EdgeEnds, isLoop: boolean, lane: number): EdgeShape {
  const { sx, sy, tx, ty, route } = ends;
  if (isLoop) {
    const lift = 70 + lane * 28;
    return {
      path: `M ${sx} ${sy} C ${sx + 70} ${sy - lift - 30}, ${tx - 70} ${ty - lift - 30}, ${tx} ${ty}`,
      labelX: (sx + tx) / 2,
      labelY: sy - lift - 8,
    };
  }
  if (route !== "right") {
    const dir = route === "down" ? 1 : -1;
    // Down edges bow left, up edges right: a state pair joined both ways draws two arcs.
    const bow = -dir * 22 + laneOffset(lane) * 1.5;
    const k = Math.max(30, Math.abs(ty - sy) / 2);
    const c1x = sx + bow;
    const c1y = sy + dir * k;
    const c2x = tx + bow;
    const c2y = ty - dir * k;
    // Labels sit a third of the way from their source: the labels of a pair joined both ways
    // (and of parallel lanes, further along) are staggered, not side by side, since a label
    // is wider than the arcs are apart.
    const t = Math.min(0.65, 0.35 + 0.15 * lane);
    return {
      path: `M ${sx} ${sy} C ${c1x} ${c1y}, ${c2x} ${c2y}, ${tx} ${ty}`,
      labelX: cubicAt(t, sx, c1x, c2x, tx),
      labelY: cubicAt(t, sy, c1y, c2y, ty),
    };
  }
  if (tx < sx - 40) {
    // A back edge (target left of its source): an arc over the top rather than an S-curve
    // drawn back through the cards between the two states.
    const lift = Math.min(240, 60 + Math.abs(sx - tx) * 0.25) + lane * 30;
    return {
      path: `M ${sx} ${sy} C ${sx + 90} ${sy - lift}, ${tx - 90} ${ty - lift}, ${tx} ${ty}`,
      labelX: (sx + tx) / 2,
      labelY: (sy + ty) / 2 - lift * 0.75,
    };
  }
  const dx = Math.max(60, Math.abs(tx - sx) / 2);
  const offset = laneOffset(lane);
  return {
    path: `M ${sx} ${sy} C ${sx + dx} ${sy + offset}, ${tx - dx} ${ty + offset}, ${tx} ${ty}`,
    labelX: (sx + tx) / 2,
    labelY: (sy + ty) / 2 + offset * 0.75,
  };
}

/** A card as placed on the canvas: its position and, once React Flow measured it, its size. */
export interface CardBox {
  position: { x: number; y: number };
  measured?: { width?: number; height?: number };
}

/**
 * Pure: where an edge leaves its source and enters its target. Side by side (or overlapping)
 * it joins the middle of the source's right side to the middle of the target's left side,
 * where the handles sit; stacked in one column (the boxes overlap horizontally, with a gap
 * between them) it joins bottom and top, down edges left of centre and up edges right of it.
 * Null before either card is measured (React Flow does not draw such an edge either).
 */
export function edgeEnds(source: CardBox, target: CardBox): EdgeEnds | null {
  const sw = source.measured?.width;
  const sh = source.measured?.height;
  const tw = target.measured?.width;
  const th = target.measured?.height;
  if (!sw || !sh || !tw || !th) return null;
  const s = source.position;
  const t = target.position;
  // A self-loop's boxes coincide (no gap): it takes the side route, then loops above.
  const isStacked = t.x < s.x + sw && t.x + tw > s.x;
  if (isStacked && t.y >= s.y + sh + STACK_GAP) {
    return { sx: s.x + sw / 2 - sw / 5, sy: s.y + sh, tx: t.x + tw / 2 - tw / 5, ty: t.y, route: "down" };
  }
  if (isStacked && t.y + th + STACK_GAP <= s.y) {
    return { sx: s.x + sw / 2 + sw / 5, sy: s.y, tx: t.x + tw / 2 + tw / 5, ty: t.y + th, route: "up" };
  }
  return { sx: s.x + sw, sy: s.y + sh / 2, tx: t.x, ty: t.y + th / 2, route: "right" };
}

/*
 * Pure drawing geometry shared by the two ways the canvas draws a transition: React Flow's
 * edge component (close up, with label and arrow) and the far-zoom edge layer (one path for
 * hundreds of edges). Both must draw the same curve, or edges would jump when the zoom
 * crosses the level-of-detail threshold.
 */

export interface EdgeEnds {
  sx: number;
  sy: number;
  tx: number;
  ty: number;
}

/**
 * Pure: the SVG path and label point of an edge. Self-loops arc above their node; back edges
 * arc over the graph; parallel edges between the same two states fan out by `lane` so each
 * stays readable.
 */
export function edgeGeometry(sx: number, sy: number, tx: number, ty: number, isLoop: boolean, lane: number) {
  if (isLoop) {
    const lift = 70 + lane * 28;
    return { path: `M ${sx} ${sy} C ${sx + 70} ${sy - lift - 30}, ${tx - 70} ${ty - lift - 30}, ${tx} ${ty}`, labelX: (sx + tx) / 2, labelY: sy - lift - 8 };
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
  const offset = lane === 0 ? 0 : (lane % 2 === 1 ? 1 : -1) * Math.ceil(lane / 2) * 46;
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
 * Pure: where an edge leaves its source (the middle of the card's right side) and enters its
 * target (the middle of the left side), where the cards' handles sit. Null before either card
 * is measured (React Flow does not draw such an edge either).
 */
export function edgeEnds(source: CardBox, target: CardBox): EdgeEnds | null {
  const sw = source.measured?.width;
  const sh = source.measured?.height;
  const th = target.measured?.height;
  if (!sw || !sh || !th || !target.measured?.width) return null;
  return { sx: source.position.x + sw, sy: source.position.y + sh / 2, tx: target.position.x, ty: target.position.y + th / 2 };
}

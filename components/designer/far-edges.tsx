"use client";

import { useStore, ViewportPortal, type Edge, type Node, type ReactFlowState } from "@xyflow/react";
import { memo, useCallback, useMemo, useState, type CSSProperties } from "react";
import { EDGE_TONE_STROKE, edgeTone } from "@/lib/designer/edge-tone";
import { farEdgeGroups, splitByDragging, type FarEdgeGroup, type FarEdgeInput } from "@/lib/designer/far-edge-paths";
import type { TransitionEdgeData } from "@/lib/designer/flow-mapper";
import { paddedGraphBounds } from "@/lib/designer/graph-bounds";
import { useDesignerMarks } from "./designer-context";
import { useHeldEdges, type EdgeKeeper } from "./edge-keeper";
import { usePathEdges } from "./path-highlight";
import { useIsFarZoom } from "./zoom-detail";

const selectZoom = (s: ReactFlowState) => s.transform[2];
// A new array on every drag tick and on every measurement.
const selectNodes = (s: ReactFlowState) => s.nodes;

const TONE_WIDTH = { selected: 2.5, path: 2.5, added: 2, removed: 2, changed: 2, problem: 1.75, base: 1 } as const;

/**
 * Zoomed far out, every transition is drawn here as a handful of SVG paths (one per tone),
 * from the edges the EdgeKeeper holds meanwhile, instead of a thousand React Flow edges:
 * their subscriptions, fibers, SVGs and layer bookkeeping are what made dragging a node in a
 * 500-state graph drop frames. Edges touching the dragged node go to a second SVG on its
 * own compositor layer (will-change), so a drag repaints a few curves, not the whole graph.
 */
export const FarEdges = memo(function FarEdges({ keeper }: { keeper: EdgeKeeper }) {
  return useIsFarZoom() ? <FarEdgeLayer keeper={keeper} /> : null;
});

/**
 * Strokes keep their on-screen width at any zoom: a 1-unit stroke at zoom 0.1 would be a
 * faint haze. SVG's non-scaling-stroke ignores the CSS transform of React Flow's viewport,
 * so the zoom goes to CSS as a variable instead; only this wrapper re-renders on zoom.
 */
function FarEdgeLayer({ keeper }: { keeper: EdgeKeeper }) {
  const zoom = useStore(selectZoom);
  return (
    <ViewportPortal>
      <div className="designer-far-scale" style={{ "--designer-far-unit": `${1 / zoom}px` } as CSSProperties}>
        <FarEdgePaths keeper={keeper} />
      </div>
    </ViewportPortal>
  );
}

const FarEdgePaths = memo(function FarEdgePaths({ keeper }: { keeper: EdgeKeeper }) {
  const nodes = useStore(selectNodes);
  const edges = useHeldEdges(keeper);
  const marks = useDesignerMarks();
  const pathEdges = usePathEdges();
  // A memo of path strings by edge id: a drag tick rebuilds only the moved edges' paths.
  const [cache] = useState(() => new Map());
  const draggingKey = draggingIds(nodes);
  // While a drag is on only the dragged cards move, so the still edges keep the positions the
  // drag started with: their path strings stay identical and the browser repaints nothing.
  const [frozen, setFrozen] = useState({ key: draggingKey, nodes });
  if (frozen.key !== draggingKey) setFrozen({ key: draggingKey, nodes });
  const stillNodes = draggingKey ? frozen.nodes : nodes;

  const toneOf = useCallback(
    (edge: FarEdgeInput) => {
      const key = String((edge as Edge<TransitionEdgeData>).data?.key ?? "");
      return edgeTone({
        isSelected: Boolean((edge as Edge).selected),
        isOnPath: pathEdges.has(edge.id),
        diff: marks.diffTransitions?.get(key),
        hasProblem: marks.problemEdges.has(edge.id),
      });
    },
    [marks, pathEdges],
  );
  const split = useMemo(() => {
    const dragged = new Set(draggingKey.split(" "));
    return splitByDragging(edges as FarEdgeInput[], (id) => dragged.has(id));
  }, [edges, draggingKey]);
  const still = useMemo(
    () => farEdgeGroups(split.still, lookup(stillNodes), toneOf, cache),
    [split, stillNodes, toneOf, cache],
  );
  const live = split.live.length ? farEdgeGroups(split.live, lookup(nodes), toneOf, cache) : [];
  // The live SVG's box spans the graph, so its compositor layer keeps one size during a drag
  // (a layer that changes size sends Chromium through a full re-layerisation every frame).
  const frame = useMemo(() => paddedGraphBounds(stillNodes), [stillNodes]);

  const draw = (groups: FarEdgeGroup[]) =>
    groups.map((g) => (
      <path
        key={g.tone}
        d={g.d}
        data-tone={g.tone}
        style={{
          stroke: EDGE_TONE_STROKE[g.tone],
          strokeWidth: `calc(${TONE_WIDTH[g.tone]} * var(--designer-far-unit))`,
        }}
      />
    ));
  return (
    <>
      <svg className="designer-far-edges" data-testid="far-edges" data-edge-count={edges.length} aria-hidden>
        {draw(still)}
      </svg>
      {frame && (
        <svg
          className="designer-far-edges designer-far-live"
          aria-hidden
          style={{ left: frame.x, top: frame.y, width: frame.width, height: frame.height }}
        >
          <g transform={`translate(${-frame.x} ${-frame.y})`}>{draw(live)}</g>
        </svg>
      )}
    </>
  );
});

/** The ids of the cards being dragged, as one string (a stable memo key). */
function draggingIds(nodes: readonly Node[]): string {
  let key = "";
  for (const node of nodes) if (node.dragging) key += key ? ` ${node.id}` : node.id;
  return key;
}

function lookup(nodes: readonly Node[]): (id: string) => Node | undefined {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return (id) => byId.get(id);
}

"use client";

import "@xyflow/react/dist/style.css";
import "./designer.css";
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  type Node,
  type ReactFlowProps,
  type Viewport,
} from "@xyflow/react";
import { type EdgeKeeper, NO_EDGES } from "./edge-keeper";
import { EdgeMarkers } from "./edge-markers";
import { FarEdges } from "./far-edges";
import { MonitorNode } from "./monitor-node";
import { AnyNode, StateNode } from "./state-node";
import { TransitionEdge } from "./transition-edge";
import { FarZoomBoundary } from "./zoom-detail";

// Module scope: React Flow re-creates every node when these objects change identity. One map
// for both modes: the designer's cards are "state", the monitor's "monitor".
const nodeTypes = { state: StateNode, monitor: MonitorNode, any: AnyNode };
const edgeTypes = { transition: TransitionEdge };
const defaultEdgeOptions = { type: "transition" };
const PRO_OPTIONS = { hideAttribution: true };
// Smaller than React Flow's 200 × 150: at 1024 px the default covered a fifth of the canvas.
const MINIMAP_SIZE = { width: 168, height: 112 };

/** How the canvas fits the graph (opening, Fit, import, auto-layout). */
export const FIT_OPTIONS = { padding: 0.15, maxZoom: 1.2 };
/** Far enough out to fit 500 states into a laptop window. */
export const MIN_ZOOM = 0.05;
/** What the canvas opens at: the fit, allowed down to MIN_ZOOM. */
export const OPENING_FIT = { ...FIT_OPTIONS, minZoom: MIN_ZOOM };

/** What a mode decides itself; the rest (types, zoom range, level of detail, chrome) is the canvas's. */
type ModeProps = Omit<
  ReactFlowProps,
  | "nodeTypes"
  | "edgeTypes"
  | "defaultEdgeOptions"
  | "defaultNodes"
  | "defaultEdges"
  | "defaultViewport"
  | "nodes"
  | "edges"
  | "minZoom"
  | "maxZoom"
  | "children"
>;

export interface FlowCanvasProps extends ModeProps {
  /** The viewport measured before mounting (useOpeningViewport), so the first frame is already fitted. */
  opening: Viewport;
  initialNodes: Node[];
  /** Holds the edges; React Flow starts with none and gets them from it (see edge-keeper.ts). */
  keeper: EdgeKeeper;
  isFar: boolean;
  miniMapColour: (node: Node) => string;
}

/**
 * The one React Flow canvas of the designer and the monitor: uncontrolled nodes, edges from the
 * keeper, the far-zoom layer, arrow markers, dots, minimap and zoom controls in the app's theme.
 * Each mode passes only its interaction props (editing handlers, or read-only flags).
 */
export function FlowCanvas({ opening, initialNodes, keeper, isFar, miniMapColour, ...modeProps }: FlowCanvasProps) {
  return (
    <FarZoomBoundary isFar={isFar}>
      <ReactFlow
        defaultViewport={opening}
        defaultNodes={initialNodes}
        defaultEdges={NO_EDGES}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        zoomOnDoubleClick={false}
        minZoom={MIN_ZOOM}
        maxZoom={2}
        onlyRenderVisibleElements
        proOptions={PRO_OPTIONS}
        className="designer-flow"
        {...modeProps}
      >
        <EdgeMarkers />
        <FarEdges keeper={keeper} />
        <Background
          variant={BackgroundVariant.Dots}
          gap={20}
          size={1.2}
          className="!bg-slate-50 dark:!bg-slate-950"
          color="currentColor"
        />
        <MiniMap
          pannable
          zoomable
          style={MINIMAP_SIZE}
          nodeStrokeWidth={3}
          nodeColor={miniMapColour}
          nodeBorderRadius={8}
        />
        <Controls showInteractive={false} />
      </ReactFlow>
    </FarZoomBoundary>
  );
}

"use client";

import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  type Connection,
  type Edge,
  type Node,
  type OnSelectionChangeParams,
  type Viewport,
} from "@xyflow/react";
import { memo } from "react";
import type { FlowNode, StateNodeData } from "@/lib/designer/flow-mapper";
import { NO_EDGES, type EdgeKeeper } from "./edge-keeper";
import { EdgeMarkers } from "./edge-markers";
import { FarEdges } from "./far-edges";
import { AnyNode, StateNode } from "./state-node";
import { TransitionEdge } from "./transition-edge";
import { FarZoomBoundary } from "./zoom-detail";

// Module scope: React Flow re-creates every node when these objects change identity.
const nodeTypes = { state: StateNode, any: AnyNode };
const edgeTypes = { transition: TransitionEdge };
// Smaller than React Flow's 200 × 150: at 1024 px the default covered a fifth of the canvas.
const MINIMAP_SIZE = { width: 168, height: 112 };
const defaultEdgeOptions = { type: "transition" };
const DELETE_KEYS = ["Delete", "Backspace"];
const MULTI_SELECT_KEYS = ["Meta", "Control", "Shift"];
const PRO_OPTIONS = { hideAttribution: true };
const SNAP: [number, number] = [20, 20];
export const FIT_OPTIONS = { padding: 0.15, maxZoom: 1.2 };
export const MIN_ZOOM = 0.05;
const KIND_COLOUR: Record<string, string> = {
  initial: "#10b981",
  normal: "#818cf8",
  terminal: "#64748b",
  error: "#ef4444",
};

/** Minimap cards coloured by kind, like the cards themselves; the any-state node stays grey. */
function miniMapColour(node: Node): string {
  return node.type === "state" ? (KIND_COLOUR[(node.data as StateNodeData).state.kind] ?? "#94a3b8") : "#94a3b8";
}

export interface DesignerFlowProps {
  opening: Viewport;
  isFar: boolean;
  initialNodes: FlowNode[];
  /** Holds the edges; React Flow starts with none and gets them from it (see edge-keeper.ts). */
  keeper: EdgeKeeper;
  isReadOnly: boolean;
  onInit: () => void;
  onConnect: (connection: Connection) => void;
  onReconnect: (oldEdge: Edge, connection: Connection) => void;
  onCommit: () => void;
  onSelectionChange: (params: OnSelectionChangeParams) => void;
  onPaneClick: (event: React.MouseEvent) => void;
}

/**
 * The designer's React Flow canvas. Memoised with stable props: selection, save status,
 * notices and inspector edits re-render the designer around it, never the canvas itself
 * (React Flow re-runs its prop bookkeeping on every render, and a 500-state graph feels it).
 * Nodes and edges are uncontrolled; the designer reads and writes them through useReactFlow.
 */
export const DesignerFlow = memo(function DesignerFlow(props: DesignerFlowProps) {
  const { opening, initialNodes, isReadOnly } = props;
  return (
    <FarZoomBoundary isFar={props.isFar}>
      <ReactFlow
        defaultViewport={opening}
        defaultNodes={initialNodes as Node[]}
        defaultEdges={NO_EDGES}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onInit={props.onInit}
        onConnect={props.onConnect}
        onReconnect={isReadOnly ? undefined : props.onReconnect}
        reconnectRadius={12}
        onNodeDragStop={props.onCommit}
        onDelete={props.onCommit}
        onSelectionChange={props.onSelectionChange}
        onPaneClick={props.onPaneClick}
        nodesDraggable={!isReadOnly}
        nodesConnectable={!isReadOnly}
        deleteKeyCode={isReadOnly ? null : DELETE_KEYS}
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        zoomOnDoubleClick={false}
        snapToGrid
        snapGrid={SNAP}
        minZoom={MIN_ZOOM}
        maxZoom={2}
        onlyRenderVisibleElements
        proOptions={PRO_OPTIONS}
        className="designer-flow"
      >
        <EdgeMarkers />
        <FarEdges keeper={props.keeper} />
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
        <Controls showInteractive={false} className="designer-controls" />
      </ReactFlow>
    </FarZoomBoundary>
  );
});

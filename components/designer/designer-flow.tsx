"use client";

import type { Connection, Edge, Node, OnSelectionChangeParams, Viewport } from "@xyflow/react";
import { memo } from "react";
import type { FlowNode, StateNodeData } from "@/lib/designer/flow-mapper";
import type { EdgeKeeper } from "./edge-keeper";
import { FlowCanvas } from "./flow-canvas";

const DELETE_KEYS = ["Delete", "Backspace"];
const MULTI_SELECT_KEYS = ["Meta", "Control", "Shift"];
const SNAP: [number, number] = [20, 20];
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
 * The designer's canvas: the shared FlowCanvas with editing turned on. Memoised with stable
 * props: selection, save status, notices and inspector edits re-render the designer around it,
 * never the canvas itself (React Flow re-runs its prop bookkeeping on every render, and a
 * 500-state graph feels it). Nodes and edges are uncontrolled; the designer reads and writes
 * them through useReactFlow.
 */
export const DesignerFlow = memo(function DesignerFlow(props: DesignerFlowProps) {
  const { isReadOnly } = props;
  return (
    <FlowCanvas
      opening={props.opening}
      initialNodes={props.initialNodes as Node[]}
      keeper={props.keeper}
      isFar={props.isFar}
      miniMapColour={miniMapColour}
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
      snapToGrid
      snapGrid={SNAP}
    />
  );
});

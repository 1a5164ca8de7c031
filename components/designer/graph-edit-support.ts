import { edgeId } from "@/lib/designer/flow-mapper";
import type { EdgeKeeper } from "./edge-keeper";
import type { DesignerGraph } from "./use-designer-graph";

/** What the editing hooks (states, transitions) share: the graph they commit to and its edges' keeper. */
export interface GraphEditOptions {
  graph: DesignerGraph;
  keeper: EdgeKeeper;
  isReadOnly: boolean;
  /** Called after an edit that should show the inspector. */
  onEdited: () => void;
}

let idCounter = 0;
/** A node id unique in this page: ids are independent of state keys (renames keep them). */
export function newFlowId(prefix: string): string {
  idCounter += 1;
  return `${prefix}${Date.now().toString(36)}${idCounter}`;
}

/** A new edge's id, in the mapper's format, unique in this page. */
export function newEdgeId(transitionKey: string, sourceId: string): string {
  return edgeId(transitionKey, sourceId, newFlowId("e"));
}

/** The items with none selected (the same objects where nothing changes). */
export function unselected<T extends { selected?: boolean }>(items: T[]): T[] {
  return items.map((i) => (i.selected ? { ...i, selected: false } : i));
}

import type { EdgeKeeper } from "./edge-keeper";
import type { DesignerGraph } from "./use-designer-graph";

/** What the editing hooks (states, transitions) take: the graph they commit to and its edges' keeper. */
export interface GraphEditOptions {
  graph: DesignerGraph;
  keeper: EdgeKeeper;
  isReadOnly: boolean;
  /** Called after an edit that should show the inspector. */
  onEdited: () => void;
}

/** The items with none selected (the same objects where nothing changes): an edit selects only what it adds. */
export function unselected<T extends { selected?: boolean }>(items: T[]): T[] {
  return items.map((i) => (i.selected ? { ...i, selected: false } : i));
}

"use client";

import { createContext, useContext } from "react";
import type { ChangeKind } from "@/lib/designer/definition-diff";

/**
 * What nodes and edges need besides their own data: problem marks and diff marks. The value
 * changes only when the definition is committed (never while a node is dragged), so a drag
 * re-renders only the dragged node and its edges.
 */
export interface DesignerMarks {
  problemStates: ReadonlySet<string>;
  /** Edge ids: a key may leave several states, and a problem may be about one of them. */
  problemEdges: ReadonlySet<string>;
  diffStates: ReadonlyMap<string, ChangeKind> | null;
  /** By transition key. */
  diffTransitions: ReadonlyMap<string, ChangeKind> | null;
  isReadOnly: boolean;
}

export const EMPTY_MARKS: DesignerMarks = {
  problemStates: new Set(),
  problemEdges: new Set(),
  diffStates: null,
  diffTransitions: null,
  isReadOnly: true,
};

export const DesignerMarksContext = createContext<DesignerMarks>(EMPTY_MARKS);

export function useDesignerMarks(): DesignerMarks {
  return useContext(DesignerMarksContext);
}

import { edgeId } from "@/lib/designer/flow-mapper";

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

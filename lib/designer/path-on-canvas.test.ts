import { describe, expect, it } from "vitest";
import { exampleInvoiceDefinition, shortestPaths } from "../engine";
import { ANY_NODE_ID, toFlow } from "./flow-mapper";
import { pathOnCanvas } from "./path-on-canvas";

describe("pathOnCanvas", () => {
  const { nodes, edges } = toFlow(exampleInvoiceDefinition);
  const paths = shortestPaths(exampleInvoiceDefinition);
  const keyOfEdge = (id: string) => edges.find((e) => e.id === id)!.data!.key;

  it("marks every state and the edge of every step from the initial state", () => {
    const path = paths.get("paid")!;
    const marked = pathOnCanvas(path, nodes, edges);
    expect([...marked.states]).toEqual(path.states);
    expect([...marked.edges].map(keyOfEdge)).toEqual(path.transitions);
  });

  it("uses the any-state node's edge for a global transition", () => {
    const path = paths.get("cancelled")!;
    const marked = pathOnCanvas(path, nodes, edges);
    const last = edges.find((e) => e.id === [...marked.edges].at(-1));
    expect(last?.source).toBe(ANY_NODE_ID);
  });

  it("marks nothing without a path", () => {
    expect(pathOnCanvas(null, nodes, edges).states.size).toBe(0);
  });
});

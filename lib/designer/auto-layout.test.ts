import { describe, expect, it } from "vitest";
import { exampleInvoiceDefinition } from "../engine";
import { layeredLayout } from "./auto-layout";
import { toFlow } from "./flow-mapper";

describe("layeredLayout", () => {
  it("places every node, left to right along the main path, without overlaps", async () => {
    const { nodes, edges } = toFlow(exampleInvoiceDefinition);
    const positions = await layeredLayout(
      nodes.map((n) => n.id),
      edges,
    );
    expect(positions.size).toBe(nodes.length);
    const byKey = (key: string) =>
      positions.get(nodes.find((n) => (n.data as { state?: { key: string } }).state?.key === key)!.id)!;
    expect(byKey("draft").x).toBeLessThan(byKey("extract").x);
    expect(byKey("extract").x).toBeLessThan(byKey("review").x);
    const seen = new Set([...positions.values()].map((p) => `${p.x},${p.y}`));
    expect(seen.size).toBe(positions.size);
  });
});

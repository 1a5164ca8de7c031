import type { Edge } from "@xyflow/react";

/**
 * Where the canvas's edges live. Close up React Flow holds them: it draws, selects and
 * reconnects them. Zoomed far out the keeper holds them and React Flow gets none, because
 * every edge React Flow holds costs three store subscriptions and a React fiber that are
 * visited on every drag and pan tick; with 1,000 transitions that alone missed the frame
 * budget. FarEdges draws the held edges meanwhile. Every read and write of the designer
 * goes through `get`/`set`, so no code cares where the edges are.
 */
export interface EdgeKeeper {
  /** The edges, wherever they are now. */
  get(): Edge[];
  set(edges: Edge[]): void;
  /** True while zoomed far out: React Flow has no edges, the keeper has them all. */
  isHolding(): boolean;
  /** The held edges (the same array until they change), or none while React Flow has them. */
  held(): Edge[];
  /** Zooming out: take the edges from React Flow. */
  takeFromFlow(): void;
  /** Zooming in: give them back. */
  giveToFlow(): void;
  subscribe(listener: () => void): () => void;
}

interface FlowEdges {
  getEdges(): Edge[];
  setEdges(edges: Edge[]): void;
}

const NONE: Edge[] = [];

export function createEdgeKeeper(flow: FlowEdges, initiallyHeld: Edge[] | null): EdgeKeeper {
  let held = initiallyHeld;
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  return {
    get: () => held ?? flow.getEdges(),
    set(edges) {
      if (held) {
        held = edges;
        notify();
      } else {
        flow.setEdges(edges);
      }
    },
    isHolding: () => held !== null,
    held: () => held ?? NONE,
    takeFromFlow() {
      if (held) return;
      held = flow.getEdges();
      flow.setEdges(NONE);
      notify();
    },
    giveToFlow() {
      if (!held) return;
      const edges = held;
      held = null;
      flow.setEdges(edges);
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

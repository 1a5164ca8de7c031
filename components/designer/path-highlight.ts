"use client";

import { createContext, useCallback, useContext, useSyncExternalStore } from "react";

/**
 * The shortest path shown on the canvas. A store rather than context state: each node and
 * edge subscribes to "am I on the path?", so selecting another state re-renders only the
 * cards and edges that enter or leave the path, never all 500 of a large graph.
 */
export interface PathHighlightStore {
  set(states: ReadonlySet<string>, edges: ReadonlySet<string>): void;
  hasState(key: string): boolean;
  hasEdge(id: string): boolean;
  /** The edges on the path; a new set object whenever they change. */
  edges(): ReadonlySet<string>;
  subscribe(listener: () => void): () => void;
}

export function createPathHighlightStore(): PathHighlightStore {
  let states: ReadonlySet<string> = new Set();
  let edges: ReadonlySet<string> = new Set();
  const listeners = new Set<() => void>();
  const same = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((x) => b.has(x));
  return {
    set(nextStates, nextEdges) {
      if (same(states, nextStates) && same(edges, nextEdges)) return;
      states = nextStates;
      edges = nextEdges;
      for (const listener of listeners) listener();
    },
    hasState: (key) => states.has(key),
    hasEdge: (id) => edges.has(id),
    edges: () => edges,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const NO_PATH = createPathHighlightStore();
export const PathHighlightContext = createContext<PathHighlightStore>(NO_PATH);

export function useIsStateOnPath(key: string): boolean {
  const store = useContext(PathHighlightContext);
  const get = useCallback(() => store.hasState(key), [store, key]);
  return useSyncExternalStore(store.subscribe, get, () => false);
}

export function useIsEdgeOnPath(id: string): boolean {
  const store = useContext(PathHighlightContext);
  const get = useCallback(() => store.hasEdge(id), [store, id]);
  return useSyncExternalStore(store.subscribe, get, () => false);
}

/** Every edge on the path, for the far-zoom layer that draws all edges at once. */
export function usePathEdges(): ReadonlySet<string> {
  const store = useContext(PathHighlightContext);
  return useSyncExternalStore(store.subscribe, store.edges, store.edges);
}

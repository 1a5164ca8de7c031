"use client";

import { useStore, type ReactFlowState } from "@xyflow/react";
import { createContext, useContext, type ReactNode } from "react";

/** Below this zoom, edge labels and card details are a few pixels tall: unreadable, yet costly to paint. */
export const FAR_ZOOM = 0.45;
/** A small graph is cheap to paint in full, and its labels still say something at this zoom. */
const SMALL_GRAPH_FAR_ZOOM = 0.25;
const SMALL_GRAPH_STATES = 80;

/**
 * Pure: the zoom below which a graph of `nodeCount` cards switches to the far level of detail.
 * The level of detail exists for large graphs; a ten-state workflow fitted into a 1024 px
 * window (zoom ~0.45) keeps its arrows and labels.
 */
export function farZoomFor(nodeCount: number): number {
  return nodeCount > SMALL_GRAPH_STATES ? FAR_ZOOM : SMALL_GRAPH_FAR_ZOOM;
}

const FarZoomContext = createContext(false);

/** True while the canvas is zoomed out past its far threshold (see farZoomFor and FarZoomBoundary). */
export function useIsFarZoom(): boolean {
  return useContext(FarZoomContext);
}

const selectIsFar = (s: ReactFlowState) => s.transform[2] < farZoomFor(s.nodes.length);
const selectIsViewportReady = (s: ReactFlowState) => s.panZoom !== null;

/**
 * Whether the canvas is zoomed out past farZoomFor(its card count); re-renders its caller only when that flips.
 * Until React Flow has applied its initial viewport its store says zoom 1, so `initialIsFar`
 * (from the viewport the canvas opens at) answers until then: a large graph never mounts a
 * thousand edge labels only to drop them a frame later. Call it below ReactFlowProvider.
 */
export function useFarZoom(initialIsFar: boolean): boolean {
  const storeIsFar = useStore(selectIsFar);
  const isViewportReady = useStore(selectIsViewportReady);
  return isViewportReady ? storeIsFar : initialIsFar;
}

/**
 * Level of detail for large graphs. Zoomed out past farZoomFor(cards) the canvas gets `designer-far`
 * (CSS then skips card details and handles) and the edges are drawn by one FarEdges layer.
 * The flag is context, not a per-edge store subscription: crossing the threshold re-renders
 * what depends on it once; a drag or pan re-renders none of it.
 */
export function FarZoomBoundary({ isFar, children }: { isFar: boolean; children: ReactNode }) {
  return (
    <FarZoomContext.Provider value={isFar}>
      <div className={isFar ? "designer-far h-full w-full" : "h-full w-full"} data-zoom-detail={isFar ? "far" : "near"}>
        {children}
      </div>
    </FarZoomContext.Provider>
  );
}

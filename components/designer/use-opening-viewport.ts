"use client";

import { getViewportForBounds, type Viewport } from "@xyflow/react";
import { useLayoutEffect, useMemo, useRef, useState } from "react";
import { estimatedGraphBounds } from "@/lib/designer/graph-bounds";

interface FitOptions {
  padding: number;
  maxZoom: number;
  minZoom: number;
}

/**
 * The viewport a canvas opens at: the graph fitted into the canvas element, estimated from
 * the saved positions before React Flow has measured a card. Null until the element has been
 * measured (the first client layout), so React Flow mounts once, already at the right zoom:
 * its level of detail is right from the first frame and fitView afterwards only nudges.
 */
export function useOpeningViewport(nodes: readonly { position: { x: number; y: number } }[], options: FitOptions) {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const box = ref.current?.getBoundingClientRect();
    setSize({ width: box?.width || 1024, height: box?.height || 768 });
  }, []);
  const viewport = useMemo<Viewport | null>(() => {
    if (!size) return null;
    const bounds = estimatedGraphBounds(nodes);
    if (!bounds) return { x: 0, y: 0, zoom: 1 };
    return getViewportForBounds(bounds, size.width, size.height, options.minZoom, options.maxZoom, options.padding);
    // Only the nodes the canvas opened with matter; later edits never move the opening view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [size]);
  return { ref, viewport };
}

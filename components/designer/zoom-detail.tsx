"use client";

import { useStore } from "@xyflow/react";
import { useEffect } from "react";

/** Below this zoom, edge labels and card details are a few pixels tall: unreadable, yet costly to paint. */
export const FAR_ZOOM = 0.45;

/**
 * Level of detail for large graphs: marks the flow with `designer-far` while zoomed out past
 * FAR_ZOOM, and CSS (designer.css) then skips edge labels, reconnect anchors and card
 * details. One subscription and a class toggle, so no node or edge re-renders when it flips.
 */
export function ZoomDetail() {
  const isFar = useStore((s) => s.transform[2] < FAR_ZOOM);
  const domNode = useStore((s) => s.domNode);
  useEffect(() => {
    domNode?.classList.toggle("designer-far", isFar);
  }, [domNode, isFar]);
  return null;
}

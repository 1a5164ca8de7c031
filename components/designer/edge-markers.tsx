import { ViewportPortal } from "@xyflow/react";
import { EDGE_TONE_STROKE, type EdgeTone } from "@/lib/designer/edge-tone";

const TONES = Object.keys(EDGE_TONE_STROKE) as EdgeTone[];

/** The arrowhead of a transition drawn in `tone` (see EdgeMarkers). */
export function arrowMarkerUrl(tone: EdgeTone): string {
  return `url(#designer-arrow-${tone})`;
}

/**
 * One arrowhead per edge tone, so an arrow takes its edge's colour (React Flow's own markers
 * are grey unless every edge object carries a colour). Sized in flow units, not stroke widths:
 * the thick stroke of the highlighted path would otherwise triple its arrows. Rendered into the
 * viewport, as React Flow's own markers are: an image export clones the viewport alone, and
 * `--xy-edge-stroke` follows the theme there.
 */
export function EdgeMarkers() {
  return (
    <ViewportPortal>
      <svg aria-hidden width="0" height="0" className="absolute">
        <defs>
          {TONES.map((tone) => (
            <marker
              key={tone}
              id={`designer-arrow-${tone}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="10"
              markerHeight="10"
              markerUnits="userSpaceOnUse"
              orient="auto-start-reverse"
            >
              <path d="M 0 1 L 10 5 L 0 9 z" style={{ fill: EDGE_TONE_STROKE[tone] ?? "var(--xy-edge-stroke)" }} />
            </marker>
          ))}
        </defs>
      </svg>
    </ViewportPortal>
  );
}

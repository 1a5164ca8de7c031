"use client";

import { getNodesBounds, getViewportForBounds, type Node } from "@xyflow/react";
import { parseDefinition, type DefinitionIssue, type WorkflowDefinition } from "@/lib/engine";
import { toMermaid } from "@/lib/designer/mermaid-export";

/** Largest import file read at all; the schema caps states and transitions further. */
export const MAX_IMPORT_BYTES = 5_000_000;

export type ImportResult = { ok: true; definition: WorkflowDefinition } | { ok: false; issues: DefinitionIssue[] };

/** Reads an uploaded definition: JSON syntax, then the definition schema, each problem with its path. */
export async function readDefinitionFile(file: File): Promise<ImportResult> {
  if (file.size > MAX_IMPORT_BYTES)
    return {
      ok: false,
      issues: [{ path: "", message: `The file is ${(file.size / 1e6).toFixed(1)} MB; the limit is 5 MB.` }],
    };
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch (e) {
    return {
      ok: false,
      issues: [{ path: "", message: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` }],
    };
  }
  const parsed = parseDefinition(json);
  return parsed.ok ? { ok: true, definition: parsed.definition } : { ok: false, issues: parsed.issues.slice(0, 50) };
}

export function download(name: string, content: string | Blob, type: string) {
  const blob = typeof content === "string" ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Mermaid text, checked with the mermaid parser before it is offered. */
export async function mermaidExport(def: WorkflowDefinition): Promise<string> {
  const text = toMermaid(def);
  const { default: mermaid } = await import("mermaid");
  await mermaid.parse(text);
  return text;
}

/** An image of the whole graph (not just the visible part), as React Flow's docs suggest. */
export async function graphImage(nodes: Node[], format: "png" | "svg", isDark: boolean): Promise<string> {
  const { toPng, toSvg } = await import("html-to-image");
  const bounds = getNodesBounds(nodes);
  const width = Math.min(4096, Math.max(400, bounds.width + 160));
  const height = Math.min(4096, Math.max(300, bounds.height + 160));
  const viewport = getViewportForBounds(bounds, width, height, 0.1, 2, 0.08);
  const element = document.querySelector<HTMLElement>(".react-flow__viewport");
  if (!element) throw new Error("The canvas is not on screen.");
  const render = format === "png" ? toPng : toSvg;
  const restore = inlineSvgPaint(element);
  try {
    return await render(element, {
      backgroundColor: isDark ? "#020617" : "#ffffff",
      width,
      height,
      style: {
        width: `${width}px`,
        height: `${height}px`,
        transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})`,
      },
    });
  } finally {
    restore();
  }
}

const SVG_PAINT = ["stroke", "stroke-width", "stroke-dasharray", "fill", "opacity"] as const;

/**
 * html-to-image copies the computed style of HTML elements but clones SVG subtrees as they
 * are, so edges painted by stylesheets (React Flow's `--xy-edge-stroke`, the theme) came out
 * without a stroke and arrowheads black. Their computed paint is written inline for the
 * export; the returned function puts the elements' own style attributes back.
 */
function inlineSvgPaint(root: HTMLElement): () => void {
  const saved: [SVGElement, string | null][] = [];
  for (const element of root.querySelectorAll<SVGElement>("svg path, svg circle, svg rect, svg polyline")) {
    const computed = getComputedStyle(element);
    saved.push([element, element.getAttribute("style")]);
    for (const property of SVG_PAINT) element.style.setProperty(property, computed.getPropertyValue(property));
  }
  return () => {
    for (const [element, style] of saved) {
      if (style === null) element.removeAttribute("style");
      else element.setAttribute("style", style);
    }
  };
}

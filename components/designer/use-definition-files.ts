"use client";

import { useReactFlow } from "@xyflow/react";
import { useCallback } from "react";
import { toFlow } from "@/lib/designer/flow-mapper";
import { FIT_OPTIONS } from "./flow-canvas";
import { download, graphImage, mermaidExport, readDefinitionFile } from "./import-export";
import type { DesignerGraph } from "./use-designer-graph";

export type ExportFormat = "json" | "mermaid" | "png" | "svg";
export type DesignerNotice = { tone: "error" | "success"; text: string; issues?: { path: string; message: string }[] };

/**
 * Import replaces the graph only when the whole file is a valid definition (else each
 * problem is listed with its path and nothing changes); exports are built from what the
 * canvas holds now.
 */
export function useDefinitionFiles({
  graph,
  workflowKey,
  notify,
}: {
  graph: DesignerGraph;
  workflowKey: string;
  notify: (notice: DesignerNotice) => void;
}) {
  const flow = useReactFlow();
  const { replace, currentDefinition } = graph;

  const importFile = useCallback(
    async (file: File) => {
      const result = await readDefinitionFile(file);
      if (!result.ok) {
        notify({ tone: "error", text: `Could not import ${file.name}: nothing was changed.`, issues: result.issues });
        return;
      }
      replace(toFlow(result.definition));
      notify({
        tone: "success",
        text: `Imported ${file.name}: ${result.definition.states.length} states, ${result.definition.transitions.length} transitions. Undo brings the previous graph back.`,
      });
      setTimeout(() => void flow.fitView(FIT_OPTIONS), 50);
    },
    [flow, notify, replace],
  );

  const exportAs = useCallback(
    async (format: ExportFormat) => {
      try {
        const definition = currentDefinition();
        if (format === "json")
          download(`${workflowKey}.json`, `${JSON.stringify(definition, null, 2)}\n`, "application/json");
        else if (format === "mermaid") download(`${workflowKey}.mmd`, await mermaidExport(definition), "text/plain");
        else {
          const url = await graphImage(flow.getNodes(), format, document.documentElement.classList.contains("dark"));
          const a = document.createElement("a");
          a.href = url;
          a.download = `${workflowKey}.${format}`;
          a.click();
        }
      } catch (e) {
        notify({ tone: "error", text: `Export failed: ${e instanceof Error ? e.message : String(e)}` });
      }
    },
    [currentDefinition, flow, notify, workflowKey],
  );

  return { importFile, exportAs };
}

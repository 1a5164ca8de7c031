import { type DocumentsLink } from "@/lib/contracts/document-filter";

export type BulkAction = "fire" | "move" | "retry" | "cancel" | "complete" | "fail";

/** What a bulk action acts on: the checked rows, or everything the list's filter matches. */
export type BulkTarget =
  | { kind: "ids"; ids: string[] }
  | {
      kind: "filter";
      filter: DocumentsLink;
      /** Known exact size, or null when only "more than a page" is known. */ count: number | null;
    };

/** The one workflow the target lies in, with what fire and move can choose from. */
export interface BulkWorkflowChoices {
  key: string;
  name: string;
  transitions: { key: string; label: string; to: string; requireReason: boolean }[];
  states: { key: string; label: string }[];
}

export interface BulkPreviewResult {
  total: number;
  eligible: number;
  refused: { code: string; message: string; count: number; examples: { id: string; title: string }[] }[];
}

/** The list filter as the API's selection filter (dates stay as typed; the server parses them). */
export function toApiFilter(filter: DocumentsLink): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key !== "sort" && value !== undefined && value !== "" && value !== false) out[key] = value;
  }
  return out;
}

export const ACTION_LABEL: Record<BulkAction, string> = {
  fire: "Fire a transition",
  move: "Move to a state",
  retry: "Retry the failed action",
  cancel: "Cancel the waiting action",
  complete: "Complete the action by hand",
  fail: "Fail the action now",
};

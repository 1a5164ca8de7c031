import type { BulkOperationView } from "@/lib/services/bulk/bulk-operation-view";
import type { WorkflowVersionView } from "@/lib/services/versions/list-workflow-versions";
import type { MigrationPreview } from "@/lib/services/versions/preview-migration";
import { fetchJson } from "../data/fetch-json";

/** React Query keys of a workflow's versions (a migration's end invalidates them). */
export const versionKeys = {
  all: ["workflow-versions"] as const,
  workflow: (key: string) => [...versionKeys.all, key] as const,
};

/** A migration plan as the wizard sends it (the API's body). */
export interface MigrationRequestBody {
  fromVersion: number;
  toVersion: number;
  mapping: Record<string, string>;
  /** Listed ids, or the documents list's filter (as the API takes it); every document of A when absent. */
  selection?: { documentIds: string[] } | { filter: Record<string, string | boolean> };
  reason?: string;
}

/** The version endpoints of /api/v1, as the UI calls them. */
export const versionsApi = {
  list: (key: string) =>
    fetchJson<{ workflow: string; versions: WorkflowVersionView[] }>(`/api/v1/workflows/${key}/versions`),
  preview: (key: string, body: MigrationRequestBody) =>
    fetchJson<MigrationPreview>(`/api/v1/workflows/${key}/migrations/preview`, { body }),
  start: (key: string, body: MigrationRequestBody) =>
    fetchJson<BulkOperationView>(`/api/v1/workflows/${key}/migrations`, { body }),
};

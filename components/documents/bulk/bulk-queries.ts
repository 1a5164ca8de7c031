import type { BulkItemView } from "@/lib/services/bulk/get-bulk-operation";
import type { BulkOperationView } from "@/lib/services/bulk/bulk-operation-view";
import { fetchJson } from "../../data/fetch-json";
import type { BulkPreviewResult } from "./bulk-types";

/** React Query keys of bulk operations (one factory, so the cancel invalidates exactly one operation's items). */
export const bulkKeys = {
  all: ["bulk-operations"] as const,
  operation: (id: string) => [...bulkKeys.all, id] as const,
  items: (id: string) => [...bulkKeys.operation(id), "items"] as const,
  itemsPage: (id: string, page: { status?: string; limit: number; processed: number; settled: number }) =>
    [...bulkKeys.items(id), page] as const,
};

export type BulkItemsPage = { items: BulkItemView[]; nextAfterSeq: number | null };

/** The bulk-operation endpoints of /api/v1, as the UI calls them. */
export const bulkApi = {
  preview: (request: unknown) => fetchJson<BulkPreviewResult>("/api/v1/bulk-operations/preview", { body: request }),
  create: (request: unknown) => fetchJson<{ id: string }>("/api/v1/bulk-operations", { body: request }),
  get: (id: string) => fetchJson<BulkOperationView>(`/api/v1/bulk-operations/${id}`),
  cancel: (id: string) => fetchJson<BulkOperationView>(`/api/v1/bulk-operations/${id}/cancel`, { body: {} }),
  resume: (id: string) => fetchJson<BulkOperationView>(`/api/v1/bulk-operations/${id}/resume`, { body: {} }),
  items: (id: string, page: { status?: string; limit: number }) =>
    fetchJson<BulkItemsPage>(
      `/api/v1/bulk-operations/${id}/items?limit=${page.limit}${page.status ? `&status=${page.status}` : ""}`,
    ),
};

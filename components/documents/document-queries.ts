import { fetchJson } from "../data/fetch-json";

/** React Query keys of documents (one factory, so invalidation stays precise). */
export const documentKeys = {
  all: ["documents"] as const,
  detail: (id: string) => [...documentKeys.all, id] as const,
};

/** What the document page watches of its document (GET /api/v1/documents/:id carries more). */
export interface WatchedDocument {
  version: number;
  job: { status: string; attempt: number; nextAttemptAt: string | null } | null;
}

/** The document endpoints of /api/v1 the UI calls. */
export const documentApi = {
  get: (id: string) => fetchJson<WatchedDocument>(`/api/v1/documents/${id}`),
  create: (input: {
    workflow: string;
    title: string;
    metadata: Record<string, unknown>;
    externalRef?: string;
    content?: { contentType: string; base64: string };
  }) => fetchJson<{ id: string }>("/api/v1/documents", { body: input }),
};

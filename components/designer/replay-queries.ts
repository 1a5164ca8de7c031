"use client";

import { useQuery } from "@tanstack/react-query";
import type { DraftReplay } from "@/lib/services/workflows/replay/replay-draft";
import { fetchJson } from "../data/fetch-json";

/** React Query keys of the draft replay (one per saved draft revision: a new edit is a new replay). */
export const replayKeys = {
  all: ["designer-replay"] as const,
  draft: (workflow: string, revision: number) => [...replayKeys.all, workflow, revision] as const,
};

/** The what-if replay of the saved draft over the recent history, while `enabled` (the Publish dialog is open). */
export function useDraftReplay(workflow: string, revision: number, enabled: boolean) {
  return useQuery({
    queryKey: replayKeys.draft(workflow, revision),
    queryFn: ({ signal }) =>
      fetchJson<DraftReplay>(`/api/v1/workflows/${encodeURIComponent(workflow)}/draft/replay`, {
        method: "POST",
        body: {},
        signal,
      }),
    enabled,
    // A replay reads up to 50,000 documents: run it once per revision, not on every focus.
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    retry: false,
  });
}

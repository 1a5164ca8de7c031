"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { LastRetryView } from "@/lib/services/recovery/get-last-retry";
import { fetchJson } from "../../data/fetch-json";
import { Badge, type BadgeTone } from "../../ui/badge";
import { formatAbsolute } from "../../ui/format";
import { Panel } from "./panel";

const OUTCOME: Record<LastRetryView["outcome"], { label: string; tone: BadgeTone; note: string }> = {
  running: { label: "Still running", tone: "indigo", note: "The retried action has no outcome yet." },
  recovered: {
    label: "Recovered",
    tone: "green",
    note: "The retried action succeeded and the document left the error path.",
  },
  failed_again: { label: "Failed again", tone: "red", note: "The retried action ran out of attempts again." },
  overtaken: {
    label: "Overtaken",
    tone: "neutral",
    note: "Moved, cancelled or settled by hand before the retry had an outcome.",
  },
};

/**
 * The document's latest manual retry and what came of it. While it is still running the
 * outcome is polled every two seconds; when it settles the page refreshes, so state, action
 * and history show what the worker did.
 */
export function LastRetryPanel({ documentId, initial }: { documentId: string; initial: LastRetryView }) {
  const router = useRouter();
  const { data } = useQuery({
    queryKey: ["documents", documentId, "last-retry"],
    queryFn: async () =>
      (await fetchJson<{ lastRetry?: LastRetryView | null }>(`/api/v1/documents/${documentId}`)).lastRetry ?? initial,
    initialData: initial,
    refetchInterval: (query) => (query.state.data?.outcome === "running" ? 2000 : false),
  });
  const retry = data ?? initial;
  const previous = useRef(initial.outcome);
  useEffect(() => {
    if (previous.current === "running" && retry.outcome !== "running") router.refresh();
    previous.current = retry.outcome;
  }, [retry.outcome, router]);
  const outcome = OUTCOME[retry.outcome];
  return (
    <Panel title="Last retry">
      <div className="flex items-center justify-between gap-2" data-testid="last-retry" data-outcome={retry.outcome}>
        <Badge tone={outcome.tone} dot>
          {outcome.label}
        </Badge>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          requested {formatAbsolute(new Date(retry.requestedAt))}
        </span>
      </div>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">{outcome.note}</p>
      {retry.error && (
        <p className="mt-1 text-sm break-words text-red-700 dark:text-red-300">
          <span className="font-medium">New error:</span> {retry.error}
        </p>
      )}
    </Panel>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { documentsHref, type DocumentsLink } from "@/lib/contracts/document-filter";
import { labelClass, selectClass } from "../ui/styles";
import { DocumentFilterFields } from "./document-filter-fields";
import { HistoryChips } from "./history-chips";

export interface FilterOptions {
  workflows: { key: string; name: string }[];
  states: { key: string; label: string }[];
}

/** Search, workflow, state, action status, error states, over SLA, created range and sort; each change goes to page 1 of the new filter (in the URL). */
export function DocumentFilters({ options, filter }: { options: FilterOptions; filter: DocumentsLink }) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();

  function go(next: DocumentsLink) {
    startTransition(() => router.push(documentsHref(next)));
  }

  return (
    <div
      className={`flex flex-wrap items-end gap-3 transition-opacity ${isPending ? "opacity-60" : ""}`}
      aria-busy={isPending}
    >
      <DocumentFilterFields
        filter={filter}
        onChange={(next) => go({ ...filter, ...next })}
        states={options.states}
        stateDisabledReason={filter.workflow ? undefined : "Choose a workflow first"}
        searchApplies="enter"
        afterSearch={
          <label className="w-56">
            <span className={labelClass}>Workflow</span>
            <select
              className={`${selectClass} mt-1`}
              value={filter.workflow ?? ""}
              onChange={(e) =>
                // State keys are per workflow: the state, step and path go with it.
                go({
                  ...filter,
                  workflow: e.target.value || undefined,
                  state: undefined,
                  took: undefined,
                  path: undefined,
                })
              }
            >
              <option value="">All workflows</option>
              {options.workflows.map((w) => (
                <option key={w.key} value={w.key}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
        }
      />
      <label className="w-52">
        <span className={labelClass}>Sort</span>
        <select
          className={`${selectClass} mt-1`}
          value={filter.sort ?? "updated_desc"}
          onChange={(e) => go({ ...filter, sort: e.target.value as DocumentsLink["sort"] })}
        >
          <option value="updated_desc">Recently updated first</option>
          <option value="updated_asc">Least recently updated first</option>
          <option value="created_desc">Newest first</option>
          <option value="created_asc">Oldest first</option>
        </select>
      </label>
      <HistoryChips filter={filter} go={go} />
      {filter.signature && (
        <span className="mb-1.5 inline-flex max-w-md items-center gap-1.5 rounded-full border border-red-200 bg-red-50 py-1 pr-1 pl-3 text-xs text-red-800 dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-200">
          <span className="truncate" title={filter.signature}>
            Error: {filter.signature}
          </span>
          <button
            type="button"
            className="rounded-full px-1.5 hover:bg-red-100 dark:hover:bg-red-500/20"
            aria-label="Remove the error signature filter"
            onClick={() => go({ ...filter, signature: undefined })}
          >
            ×
          </button>
        </span>
      )}
      {(filter.updatedFrom || filter.updatedTo) && (
        <span className="mb-1.5 inline-flex items-center gap-1.5 rounded-full border border-slate-200 bg-slate-50 py-1 pr-1 pl-3 text-xs dark:border-slate-700 dark:bg-slate-800">
          Updated {filter.updatedFrom ? `from ${filter.updatedFrom}` : ""}{" "}
          {filter.updatedTo ? `to ${filter.updatedTo}` : ""}
          <button
            type="button"
            className="rounded-full px-1.5 hover:bg-slate-200 dark:hover:bg-slate-700"
            aria-label="Remove the updated range"
            onClick={() => go({ ...filter, updatedFrom: undefined, updatedTo: undefined })}
          >
            ×
          </button>
        </span>
      )}
    </div>
  );
}

"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { documentsQuery, type ListFilter } from "@/lib/documents-ui/list-filter";
import { inputClass, labelClass, selectClass } from "../ui/styles";

export interface FilterOptions {
  workflows: { key: string; name: string }[];
  states: { key: string; label: string }[];
}

/** Workflow, state, action status, error-state and text search; each change goes to page 1 of the new filter (in the URL). */
export function DocumentFilters({ options, filter }: { options: FilterOptions; filter: ListFilter }) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();
  const [q, setQ] = useState(filter.q ?? "");

  function go(next: ListFilter) {
    startTransition(() => router.push(documentsQuery(next)));
  }

  return (
    <div className={`flex flex-wrap items-end gap-3 transition-opacity ${isPending ? "opacity-60" : ""}`} aria-busy={isPending}>
      <form className="w-72" role="search" onSubmit={(e) => { e.preventDefault(); go({ ...filter, q: q.trim() || undefined }); }}>
        <label>
          <span className={labelClass}>Search</span>
          <input type="search" className={`${inputClass} mt-1`} placeholder="Title or external ref, then Enter" value={q}
            maxLength={200} onChange={(e) => setQ(e.target.value)} />
        </label>
      </form>
      <label className="w-56">
        <span className={labelClass}>Workflow</span>
        <select className={`${selectClass} mt-1`} value={filter.workflow ?? ""} onChange={(e) => go({ ...filter, workflow: e.target.value || undefined, state: undefined })}>
          <option value="">All workflows</option>
          {options.workflows.map((w) => (
            <option key={w.key} value={w.key}>{w.name}</option>
          ))}
        </select>
      </label>
      <label className="w-48">
        <span className={labelClass}>State</span>
        <select className={`${selectClass} mt-1`} value={filter.state ?? ""} disabled={!filter.workflow}
          title={filter.workflow ? undefined : "Choose a workflow first"}
          onChange={(e) => go({ ...filter, state: e.target.value || undefined })}>
          <option value="">All states</option>
          {options.states.map((s) => (
            <option key={s.key} value={s.key}>{s.label}</option>
          ))}
        </select>
      </label>
      <label className="w-44">
        <span className={labelClass}>Action</span>
        <select className={`${selectClass} mt-1`} value={filter.status ?? ""} onChange={(e) => go({ ...filter, status: (e.target.value || undefined) as ListFilter["status"] })}>
          <option value="">Any</option>
          <option value="pending">Waiting</option>
          <option value="running">Running</option>
          <option value="exhausted">Retries exhausted</option>
          <option value="cancelled">Cancelled</option>
        </select>
      </label>
      <label className="mb-2 inline-flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
        <input type="checkbox" className="h-4 w-4 rounded border-slate-300 accent-indigo-600" checked={Boolean(filter.errors)}
          onChange={(e) => go({ ...filter, errors: e.target.checked || undefined })} />
        Errors only
      </label>
    </div>
  );
}

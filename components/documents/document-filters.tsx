"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { labelClass, selectClass } from "../ui/styles";

export interface FilterOptions {
  workflows: { key: string; name: string }[];
  states: { key: string; label: string }[];
}

/** Workflow and state pickers; each change navigates to the first page of the new filter. */
export function DocumentFilters({ options, workflow, state }: { options: FilterOptions; workflow?: string; state?: string }) {
  const router = useRouter();
  const [isPending, startTransition] = useTransition();

  function go(next: { workflow?: string; state?: string }) {
    const params = new URLSearchParams();
    if (next.workflow) params.set("workflow", next.workflow);
    if (next.workflow && next.state) params.set("state", next.state);
    const query = params.toString();
    startTransition(() => router.push(query ? `/documents?${query}` : "/documents"));
  }

  return (
    <div className={`flex flex-wrap items-end gap-3 transition-opacity ${isPending ? "opacity-60" : ""}`} aria-busy={isPending}>
      <label className="w-64">
        <span className={labelClass}>Workflow</span>
        <select className={`${selectClass} mt-1`} value={workflow ?? ""} onChange={(e) => go({ workflow: e.target.value || undefined })}>
          <option value="">All workflows</option>
          {options.workflows.map((w) => (
            <option key={w.key} value={w.key}>{w.name}</option>
          ))}
        </select>
      </label>
      <label className="w-56">
        <span className={labelClass}>State</span>
        <select className={`${selectClass} mt-1`} value={state ?? ""} disabled={!workflow}
          title={workflow ? undefined : "Choose a workflow first"}
          onChange={(e) => go({ workflow, state: e.target.value || undefined })}>
          <option value="">All states</option>
          {options.states.map((s) => (
            <option key={s.key} value={s.key}>{s.label}</option>
          ))}
        </select>
      </label>
    </div>
  );
}

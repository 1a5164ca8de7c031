"use client";

import { type ReactNode, useState } from "react";
import { type DocumentsLink } from "@/lib/contracts/document-filter";
import { inputClass, labelClass, selectClass } from "../ui/styles";

/** The criteria the fields edit: the document filter without its workflow and the list's order. */
export type DocumentCriteria = Omit<DocumentsLink, "workflow" | "sort" | "cursor" | "bulk">;

const checkboxLabel = "mb-2 inline-flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300";
const checkbox = "h-4 w-4 rounded border-slate-300 accent-indigo-600";

/**
 * The document filter's criteria as form fields: search, state, action status, error states,
 * over SLA and the created range. The documents list (each change loads its page) and the
 * Migrate wizard (a plan's selection) edit the one filter model with these same fields, so
 * "documents matching this filter" means the same set in both. Rendered into the caller's
 * flex container; `afterSearch` goes between the search and the state (the list's workflow).
 */
export function DocumentFilterFields(props: {
  filter: DocumentCriteria;
  onChange: (next: DocumentCriteria) => void;
  states: { key: string; label: string }[];
  /** Why no state can be chosen yet (the list without a workflow); the state select is then disabled. */
  stateDisabledReason?: string;
  /** "enter": the search applies on Enter (the list loads a page per change); "live": as typed. */
  searchApplies: "enter" | "live";
  afterSearch?: ReactNode;
}) {
  const { filter, onChange } = props;
  const [q, setQ] = useState(filter.q ?? "");
  const searchInput = (
    <label>
      <span className={labelClass}>Search</span>
      <input
        type="search"
        className={`${inputClass} mt-1`}
        placeholder={props.searchApplies === "enter" ? "Title or external ref, then Enter" : "Title or external ref"}
        value={props.searchApplies === "enter" ? q : (filter.q ?? "")}
        maxLength={200}
        onChange={(e) =>
          props.searchApplies === "enter"
            ? setQ(e.target.value)
            : onChange({ ...filter, q: e.target.value || undefined })
        }
      />
    </label>
  );
  return (
    <>
      {props.searchApplies === "enter" ? (
        <form
          className="w-72"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            onChange({ ...filter, q: q.trim() || undefined });
          }}
        >
          {searchInput}
        </form>
      ) : (
        <div className="w-72" role="search">
          {searchInput}
        </div>
      )}
      {props.afterSearch}
      <label className="w-48">
        <span className={labelClass}>State</span>
        <select
          className={`${selectClass} mt-1`}
          value={filter.state ?? ""}
          disabled={props.stateDisabledReason !== undefined}
          title={props.stateDisabledReason}
          onChange={(e) => onChange({ ...filter, state: e.target.value || undefined })}
        >
          <option value="">All states</option>
          {props.states.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <label className="w-44">
        <span className={labelClass}>Action</span>
        <select
          className={`${selectClass} mt-1`}
          value={filter.status ?? ""}
          onChange={(e) => onChange({ ...filter, status: (e.target.value || undefined) as DocumentCriteria["status"] })}
        >
          <option value="">Any</option>
          <option value="pending">Waiting</option>
          <option value="running">Running</option>
          <option value="retrying">Retrying after a failure</option>
          <option value="waiting">Waiting for a callback</option>
          <option value="exhausted">Retries exhausted</option>
          <option value="cancelled">Cancelled</option>
        </select>
      </label>
      <label className={checkboxLabel}>
        <input
          type="checkbox"
          className={checkbox}
          checked={Boolean(filter.errors)}
          onChange={(e) => onChange({ ...filter, errors: e.target.checked || undefined })}
        />
        Errors only
      </label>
      <label className={checkboxLabel}>
        <input
          type="checkbox"
          className={checkbox}
          checked={filter.sla === "over"}
          onChange={(e) => onChange({ ...filter, sla: e.target.checked ? "over" : undefined })}
        />
        Over SLA
      </label>
      <fieldset className="flex items-end gap-2">
        <legend className="sr-only">Created between</legend>
        <label className="w-40">
          <span className={labelClass}>Created from</span>
          <input
            type="date"
            className={`${inputClass} mt-1`}
            value={filter.createdFrom?.slice(0, 10) ?? ""}
            onChange={(e) => onChange({ ...filter, createdFrom: e.target.value || undefined })}
          />
        </label>
        <label className="w-40">
          <span className={labelClass}>to</span>
          <input
            type="date"
            className={`${inputClass} mt-1`}
            value={filter.createdTo?.slice(0, 10) ?? ""}
            onChange={(e) => onChange({ ...filter, createdTo: e.target.value || undefined })}
          />
        </label>
      </fieldset>
    </>
  );
}

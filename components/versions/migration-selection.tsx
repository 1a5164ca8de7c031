"use client";

import { useId } from "react";
import { DocumentFilterFields } from "../documents/document-filter-fields";
import { formatCount } from "../ui/format";
import { inputClass, labelClass } from "../ui/styles";
import { migrationSelection, type MigrationSelectionInput } from "./migration-selection-input";

const modeClass = (isOn: boolean) =>
  `flex cursor-pointer items-center gap-2 rounded-lg border px-3 py-1.5 text-sm ${
    isOn
      ? "border-indigo-500 bg-indigo-50 text-indigo-900 dark:border-indigo-400 dark:bg-indigo-500/10 dark:text-indigo-100"
      : "border-slate-200 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
  }`;

/**
 * The wizard's "which documents": the documents list's filter (search, state, action status,
 * error states, over SLA, created range; the same fields and model), or document ids.
 */
export function MigrationSelectionFields(props: {
  fromVersion: number;
  /** Documents of the source version, in total and per state (the counters). */
  documents: number;
  states: { key: string; count: number }[];
  value: MigrationSelectionInput;
  onChange: (next: MigrationSelectionInput) => void;
}) {
  const name = useId();
  const { value } = props;
  const resolved = migrationSelection(value);
  return (
    <fieldset className="space-y-3 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
      <legend className={`${labelClass} px-1`}>Documents of v{props.fromVersion}</legend>
      <div className="flex flex-wrap items-center gap-2">
        <label className={modeClass(value.mode === "filter")}>
          <input
            type="radio"
            name={name}
            className="accent-indigo-600"
            checked={value.mode === "filter"}
            onChange={() => props.onChange({ ...value, mode: "filter" })}
          />
          Matching a filter
        </label>
        <label className={modeClass(value.mode === "ids")}>
          <input
            type="radio"
            name={name}
            className="accent-indigo-600"
            checked={value.mode === "ids"}
            onChange={() => props.onChange({ ...value, mode: "ids" })}
          />
          By document id
        </label>
        <span className="ml-auto text-xs text-slate-500" data-testid="migration-selection-summary">
          {value.mode === "ids"
            ? resolved.ok && resolved.selection && "documentIds" in resolved.selection
              ? `${formatCount(resolved.selection.documentIds.length)} listed`
              : ""
            : resolved.ok && resolved.selection
              ? "The dry run counts the matching documents."
              : `All ${formatCount(props.documents)} documents on v${props.fromVersion}.`}
        </span>
      </div>
      {value.mode === "filter" ? (
        <div className="flex flex-wrap items-end gap-3">
          <DocumentFilterFields
            filter={value.filter}
            onChange={(filter) => props.onChange({ ...value, filter })}
            states={props.states.map((s) => ({ key: s.key, label: `${s.key} (${formatCount(s.count)})` }))}
            searchApplies="live"
          />
        </div>
      ) : (
        <label className="block">
          <span className={labelClass}>Document ids</span>
          <textarea
            className={`${inputClass} mt-1 font-mono text-xs`}
            rows={3}
            placeholder="One per line, or separated by commas or spaces"
            value={value.ids}
            aria-invalid={(value.ids.trim() !== "" && !resolved.ok) || undefined}
            onChange={(e) => props.onChange({ ...value, ids: e.target.value })}
          />
        </label>
      )}
      {!resolved.ok && value.ids.trim() !== "" && (
        <p className="text-xs text-red-700 dark:text-red-300" role="alert">
          {resolved.problem}
        </p>
      )}
    </fieldset>
  );
}

"use client";

import { useState } from "react";
import { ANY_NODE_ID } from "@/lib/designer/flow-mapper";
import type { StateKind } from "@/lib/engine";

export interface SourceOption {
  id: string;
  key: string;
  label?: string;
  kind: StateKind;
}

/**
 * The "From" of a transition: the states it leaves, ticked in a list, or every non-terminal
 * state at once ("any state", `*`). A change the designer refuses (a source that already has
 * a transition with this key, or none left) is said under the list and nothing changes.
 */
export function SourcePicker({
  sourceIds,
  states,
  isReadOnly,
  onSetSources,
}: {
  sourceIds: readonly string[];
  states: readonly SourceOption[];
  isReadOnly: boolean;
  onSetSources: (sourceIds: string[]) => string | null;
}) {
  const [error, setError] = useState<string | null>(null);
  const isGlobal = sourceIds.includes(ANY_NODE_ID);
  const set = (next: string[]) => setError(onSetSources(next));
  return (
    <fieldset aria-describedby={error ? "transition-from-error" : undefined}>
      <legend className="text-xs font-medium text-slate-700 dark:text-slate-300">From</legend>
      <label className="mt-1.5 flex items-center gap-2 text-sm text-slate-700 dark:text-slate-300">
        <input
          type="checkbox"
          disabled={isReadOnly}
          checked={isGlobal}
          onChange={(e) =>
            set(
              e.target.checked
                ? [ANY_NODE_ID]
                : states
                    .filter((s) => s.kind !== "terminal")
                    .slice(0, 1)
                    .map((s) => s.id),
            )
          }
        />
        Any state <span className="text-xs text-slate-500 dark:text-slate-400">(global: every non-terminal state)</span>
      </label>
      {!isGlobal && (
        <ul
          aria-label="Source states"
          className="mt-1.5 max-h-44 space-y-0.5 overflow-y-auto rounded-lg border border-slate-200 p-1.5 dark:border-slate-700"
        >
          {states.map((s) => {
            const isTerminal = s.kind === "terminal";
            const isChecked = sourceIds.includes(s.id);
            return (
              <li key={s.id}>
                <label
                  title={isTerminal && !isChecked ? "Terminal states have no way out" : undefined}
                  className={`flex items-center gap-2 rounded px-1.5 py-0.5 text-sm ${isTerminal && !isChecked ? "text-slate-400 dark:text-slate-600" : "text-slate-700 dark:text-slate-300"}`}
                >
                  <input
                    type="checkbox"
                    disabled={isReadOnly || (isTerminal && !isChecked)}
                    checked={isChecked}
                    onChange={(e) =>
                      set(e.target.checked ? [...sourceIds, s.id] : sourceIds.filter((id) => id !== s.id))
                    }
                  />
                  <span className="font-mono text-xs">{s.key}</span>
                  {s.label && s.label !== s.key && (
                    <span className="truncate text-xs text-slate-500 dark:text-slate-400">{s.label}</span>
                  )}
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <p id="transition-from-error" role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </fieldset>
  );
}

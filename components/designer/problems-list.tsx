"use client";

import type { GraphProblem } from "@/lib/engine";

/**
 * Live problems from lib/engine; clicking one selects and reveals what it names. Transitions
 * naming states that do not exist (from an import or the API) cannot be drawn, so they get a
 * button of their own to remove them.
 */
export function ProblemsList({
  problems,
  onReveal,
  offCanvas,
  onRemoveOffCanvas,
  isReadOnly,
}: {
  problems: readonly GraphProblem[];
  onReveal: (p: GraphProblem) => void;
  /** Keys of the transitions that are not on the canvas. */
  offCanvas: readonly string[];
  onRemoveOffCanvas: () => void;
  isReadOnly: boolean;
}) {
  const removal = offCanvas.length > 0 && (
    <div
      data-testid="off-canvas-transitions"
      className="border-b border-amber-200 bg-amber-50 px-4 py-3 text-xs text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <p>
        {offCanvas.length === 1 ? "Transition" : `${offCanvas.length} transitions`}{" "}
        <span className="font-mono">
          {offCanvas.slice(0, 5).join(", ")}
          {offCanvas.length > 5 ? "…" : ""}
        </span>{" "}
        {offCanvas.length === 1 ? "names a state that does not exist, so it" : "name states that do not exist, so they"}{" "}
        cannot be drawn.
      </p>
      {!isReadOnly && (
        <button
          type="button"
          onClick={onRemoveOffCanvas}
          className="mt-2 rounded-md bg-amber-600 px-2.5 py-1 font-medium text-white hover:bg-amber-500"
        >
          Remove {offCanvas.length === 1 ? "it" : "them"}
        </button>
      )}
    </div>
  );
  if (problems.length === 0) {
    return (
      <div data-testid="no-problems" className="flex flex-col items-center gap-2 px-6 py-10 text-center">
        <span className="flex h-9 w-9 items-center justify-center rounded-full bg-emerald-100 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300">
          ✓
        </span>
        <p className="text-sm font-medium text-slate-800 dark:text-slate-100">No problems</p>
        <p className="text-xs text-slate-500 dark:text-slate-400">The graph is valid and can be published.</p>
      </div>
    );
  }
  return (
    <>
      {removal}
      <ul aria-label="Problems" className="divide-y divide-slate-100 dark:divide-slate-800">
        {problems.map((p, i) => (
          <li key={`${p.code}-${p.stateKey ?? ""}-${p.transitionKey ?? ""}-${p.path ?? ""}-${i}`}>
            <button
              type="button"
              onClick={() => onReveal(p)}
              className="flex w-full gap-2.5 px-4 py-2.5 text-left hover:bg-slate-50 dark:hover:bg-slate-800/60"
            >
              <span
                aria-hidden
                className={`mt-1 h-2 w-2 shrink-0 rounded-full ${p.severity === "error" ? "bg-red-500" : "bg-amber-400"}`}
              />
              <span className="min-w-0">
                <span className="block text-sm text-slate-800 dark:text-slate-100">{p.message}</span>
                <span className="mt-0.5 block font-mono text-[11px] text-slate-500 dark:text-slate-400">
                  {p.severity} · {p.code}
                  {p.path ? ` · ${p.path}` : ""}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

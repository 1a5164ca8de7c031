"use client";

import type { GraphProblem } from "@/lib/engine";

/** Live problems from lib/engine; clicking one selects and reveals what it names. */
export function ProblemsList({ problems, onReveal }: { problems: readonly GraphProblem[]; onReveal: (p: GraphProblem) => void }) {
  if (problems.length === 0) {
    return (
      <div data-testid="no-problems" className="flex flex-col items-center gap-2 px-6 py-10 text-center">
        <span className="flex h-9 w-9 items-center justify-center rounded-full bg-emerald-100 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-300">✓</span>
        <p className="text-sm font-medium text-slate-800 dark:text-slate-100">No problems</p>
        <p className="text-xs text-slate-500 dark:text-slate-400">The graph is valid and can be published.</p>
      </div>
    );
  }
  return (
    <ul aria-label="Problems" className="divide-y divide-slate-100 dark:divide-slate-800">
      {problems.map((p, i) => (
        <li key={`${p.code}-${p.stateKey ?? ""}-${p.transitionKey ?? ""}-${p.path ?? ""}-${i}`}>
          <button type="button" onClick={() => onReveal(p)}
            className="flex w-full gap-2.5 px-4 py-2.5 text-left hover:bg-slate-50 dark:hover:bg-slate-800/60">
            <span aria-hidden className={`mt-1 h-2 w-2 shrink-0 rounded-full ${p.severity === "error" ? "bg-red-500" : "bg-amber-400"}`} />
            <span className="min-w-0">
              <span className="block text-sm text-slate-800 dark:text-slate-100">{p.message}</span>
              <span className="mt-0.5 block font-mono text-[11px] text-slate-500 dark:text-slate-400">
                {p.severity} · {p.code}{p.path ? ` · ${p.path}` : ""}
              </span>
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

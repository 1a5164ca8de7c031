import Link from "next/link";
import { documentsHref, KIND_BAR, KIND_TONE, type DisplayStateKind } from "../documents/state-kind";
import { Badge, toneDotClass } from "../ui/badge";
import { formatCount } from "../ui/format";
import { AlertIcon, ChevronRightIcon } from "../ui/icons";
import { cardClass } from "../ui/styles";

export interface StateCountRow {
  key: string;
  label: string;
  kind: DisplayStateKind;
  count: number;
}

export interface WorkflowCardData {
  key: string;
  name: string;
  description: string;
  version: number | null;
  hasDraft: boolean;
  total: number;
  states: StateCountRow[];
}

/**
 * One workflow on the dashboard: its states in definition order with live counts, each
 * count linking to the filtered document list. Error states with documents stand out in
 * red; terminal states are muted.
 */
export function WorkflowStateCard({ workflow }: { workflow: WorkflowCardData }) {
  const errored = workflow.states.filter((s) => s.kind === "error").reduce((sum, s) => sum + s.count, 0);
  return (
    <section aria-labelledby={`wf-${workflow.key}`} className={`${cardClass} flex flex-col`}>
      <header className="flex items-start justify-between gap-4 px-5 pb-4 pt-5">
        <div className="min-w-0">
          <div className="flex items-center gap-2">
            <h2 id={`wf-${workflow.key}`} className="truncate text-base font-semibold text-slate-900 dark:text-white">
              <Link href={documentsHref(workflow.key)} className="hover:underline">{workflow.name}</Link>
            </h2>
            {workflow.version !== null ? <Badge>v{workflow.version}</Badge> : <Badge tone="amber">Unpublished</Badge>}
            {workflow.hasDraft && <Badge tone="amber">Draft</Badge>}
          </div>
          <p className="mt-0.5 font-mono text-xs text-slate-500 dark:text-slate-400">{workflow.key}</p>
          {workflow.description && <p className="mt-2 line-clamp-2 text-sm text-slate-500 dark:text-slate-400">{workflow.description}</p>}
        </div>
        <div className="shrink-0 text-right">
          <div className="tabular text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">{formatCount(workflow.total)}</div>
          <div className="text-xs text-slate-500 dark:text-slate-400">documents</div>
        </div>
      </header>

      {errored > 0 && (
        <div className="mx-5 mb-3 flex items-center gap-2 rounded-lg bg-red-50 px-3 py-2 text-sm font-medium text-red-700 ring-1 ring-inset ring-red-600/15 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-400/25">
          <AlertIcon className="h-4 w-4 shrink-0" />
          {formatCount(errored)} document{errored === 1 ? "" : "s"} in error
        </div>
      )}

      <DistributionBar states={workflow.states} total={workflow.total} />

      {workflow.states.length === 0 ? (
        <p className="px-5 pb-5 text-sm text-slate-500 dark:text-slate-400">No published version yet, so there are no states to show.</p>
      ) : (
        <ul className="divide-y divide-slate-100 border-t border-slate-100 dark:divide-slate-800 dark:border-slate-800" aria-label={`${workflow.name} states`}>
          {workflow.states.map((state) => (
            <StateRow key={state.key} workflowKey={workflow.key} state={state} />
          ))}
        </ul>
      )}
      <footer className="mt-auto border-t border-slate-100 px-5 py-3 dark:border-slate-800">
        <Link href={documentsHref(workflow.key)} className="inline-flex items-center gap-1 text-sm font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400 dark:hover:text-indigo-300">
          All {workflow.name} documents <ChevronRightIcon className="h-4 w-4" />
        </Link>
      </footer>
    </section>
  );
}

function StateRow({ workflowKey, state }: { workflowKey: string; state: StateCountRow }) {
  const isAlert = state.kind === "error" && state.count > 0;
  const isMuted = state.kind === "terminal";
  return (
    <li>
      <Link href={documentsHref(workflowKey, state.key)}
        aria-label={`${state.label}: ${state.count} document${state.count === 1 ? "" : "s"}`}
        data-state={state.key} data-count={state.count}
        className={`group flex items-center gap-3 px-5 py-2 text-sm transition-colors ${
          isAlert ? "bg-red-50/70 hover:bg-red-50 dark:bg-red-500/[0.07] dark:hover:bg-red-500/10" : "hover:bg-slate-50 dark:hover:bg-slate-800/50"
        }`}>
        <span aria-hidden className={`h-2 w-2 shrink-0 rounded-full ${toneDotClass(KIND_TONE[state.kind])}`} />
        <span className={`min-w-0 flex-1 truncate ${isAlert ? "font-medium text-red-700 dark:text-red-300" : isMuted ? "text-slate-500 dark:text-slate-400" : "text-slate-700 dark:text-slate-200"}`}>
          {state.label}
        </span>
        {state.kind === "error" && <Badge tone="red">error</Badge>}
        {state.kind === "terminal" && <span className="text-xs text-slate-400 dark:text-slate-500">final</span>}
        {state.kind === "unknown" && <Badge tone="amber">retired</Badge>}
        <span className={`tabular w-14 text-right ${
          isAlert ? "text-base font-semibold text-red-700 dark:text-red-300" : state.count === 0 ? "text-slate-300 dark:text-slate-600" : isMuted ? "text-slate-500 dark:text-slate-400" : "font-medium text-slate-900 dark:text-white"
        } group-hover:underline`}>
          {formatCount(state.count)}
        </span>
      </Link>
    </li>
  );
}

function DistributionBar({ states, total }: { states: StateCountRow[]; total: number }) {
  if (total === 0) return <div className="mx-5 mb-4 h-1.5 rounded-full bg-slate-100 dark:bg-slate-800" />;
  return (
    <div className="mx-5 mb-4 flex h-1.5 gap-px overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800" aria-hidden>
      {states.filter((s) => s.count > 0).map((s) => (
        <div key={s.key} className={KIND_BAR[s.kind]} style={{ width: `${(s.count / total) * 100}%` }} title={`${s.label}: ${s.count}`} />
      ))}
    </div>
  );
}

import Link from "next/link";
import type { DashboardState, DashboardWorkflow } from "@/lib/services/stats/get-dashboard";
import { KIND_BAR, KIND_TONE } from "../documents/state-kind";
import { Badge, toneDotClass } from "../ui/badge";
import { formatCount, formatDuration } from "../ui/format";
import { AlertIcon, ChevronRightIcon } from "../ui/icons";
import { cardClass } from "../ui/styles";
import { ActivityChart } from "./activity-chart";
import { formatRate } from "./summary-stats";
import { documentsHref } from "@/lib/contracts/document-filter";

/**
 * One workflow on the dashboard: error / over-SLA / retrying figures, transitions over the
 * last 24 h, and its states in definition order with live counts. Every number links to
 * the documents list filtered to exactly those documents.
 */
export function WorkflowStateCard({ workflow }: { workflow: DashboardWorkflow }) {
  const { activity } = workflow;
  const figures = [
    {
      id: "errored",
      label: "In error",
      value: formatCount(workflow.errored),
      href: documentsHref({ workflow: workflow.key, errors: true }),
      isAlert: workflow.errored > 0,
      tone: "red",
    },
    {
      id: "over-sla",
      label: "Over SLA",
      value: formatCount(workflow.overSla),
      href: documentsHref({ workflow: workflow.key, sla: "over" }),
      isAlert: workflow.overSla > 0,
      tone: "amber",
    },
    {
      id: "retrying",
      label: "Retrying",
      value: formatCount(workflow.retrying),
      href: documentsHref({ workflow: workflow.key, status: "retrying" }),
      isAlert: false,
      tone: "neutral",
    },
    {
      id: "failure-rate",
      label: "Failures 24 h",
      value: formatRate(activity.failureRate),
      href: documentsHref({ workflow: workflow.key, status: "retrying" }),
      isAlert: (activity.failureRate ?? 0) >= 0.05,
      tone: "red",
    },
  ] as const;
  return (
    <section
      aria-labelledby={`wf-${workflow.key}`}
      className={`${cardClass} flex flex-col`}
      data-workflow={workflow.key}
    >
      <header className="flex items-start justify-between gap-4 px-5 pt-5 pb-4">
        <div className="min-w-0">
          <div className="flex items-center gap-2">
            <h2 id={`wf-${workflow.key}`} className="truncate text-base font-semibold text-slate-900 dark:text-white">
              <Link href={documentsHref({ workflow: workflow.key })} className="hover:underline">
                {workflow.name}
              </Link>
            </h2>
            {workflow.version !== null ? <Badge>v{workflow.version}</Badge> : <Badge tone="amber">Unpublished</Badge>}
          </div>
          <p className="mt-0.5 font-mono text-xs text-slate-500 dark:text-slate-400">
            {workflow.key} ·{" "}
            <Link
              href={`/workflows/${encodeURIComponent(workflow.key)}/analytics`}
              data-testid="workflow-analytics"
              className="font-sans text-indigo-600 hover:underline dark:text-indigo-400"
            >
              Analytics
            </Link>
          </p>
          {workflow.description && (
            <p className="mt-2 line-clamp-2 text-sm text-slate-500 dark:text-slate-400">{workflow.description}</p>
          )}
        </div>
        <div className="shrink-0 text-right">
          <Link
            href={documentsHref({ workflow: workflow.key })}
            data-testid="workflow-total"
            data-count={workflow.total}
            className="tabular block text-2xl font-semibold tracking-tight text-slate-900 hover:underline dark:text-white"
          >
            {formatCount(workflow.total)}
          </Link>
          <div className="text-xs text-slate-500 dark:text-slate-400">document{workflow.total === 1 ? "" : "s"}</div>
        </div>
      </header>

      {workflow.errored > 0 && (
        <div className="mx-5 mb-3 flex items-center gap-2 rounded-lg bg-red-50 px-3 py-2 text-sm font-medium text-red-700 ring-1 ring-red-600/15 ring-inset dark:bg-red-500/10 dark:text-red-300 dark:ring-red-400/25">
          <AlertIcon className="h-4 w-4 shrink-0" />
          {formatCount(workflow.errored)} document{workflow.errored === 1 ? "" : "s"} in error
        </div>
      )}

      <dl className="mx-5 mb-4 grid grid-cols-4 divide-x divide-slate-100 rounded-lg border border-slate-100 dark:divide-slate-800 dark:border-slate-800">
        {figures.map((f) => (
          <div key={f.id} className="relative px-3 py-2 hover:bg-slate-50 dark:hover:bg-slate-800/40">
            <dt className="truncate text-[11px] font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">
              {f.label}
            </dt>
            <dd
              className={`tabular text-lg font-semibold ${f.isAlert ? (f.tone === "amber" ? "text-amber-700 dark:text-amber-300" : "text-red-700 dark:text-red-300") : "text-slate-900 dark:text-white"}`}
            >
              <Link
                href={f.href}
                data-testid={`workflow-${f.id}`}
                aria-label={`${workflow.name} ${f.label.toLowerCase()}: ${f.value}`}
                className="after:absolute after:inset-0 focus-visible:outline-none"
              >
                {f.value}
              </Link>
            </dd>
          </div>
        ))}
      </dl>

      <div className="mx-5 mb-4">
        <div className="mb-1.5 flex items-baseline justify-between gap-2">
          <h3 className="text-xs font-medium text-slate-600 dark:text-slate-300">Transitions, last 24 h</h3>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            <span
              className="tabular font-semibold text-slate-900 dark:text-white"
              data-testid="workflow-transitions"
              data-count={activity.transitions}
            >
              {formatCount(activity.transitions)}
            </span>{" "}
            total ·{" "}
            <span className="tabular font-medium text-slate-700 dark:text-slate-200">
              {activity.transitionsPerMinute.toFixed(1)}
            </span>
            /min last hour
          </p>
        </div>
        <ActivityChart
          buckets={activity.buckets}
          bucketMinutes={activity.bucketMinutes}
          label={`${workflow.name}: ${activity.transitions} transitions in the last 24 hours`}
        />
      </div>

      <DistributionBar states={workflow.states} total={workflow.total} />

      {workflow.states.length === 0 ? (
        <p className="px-5 pb-5 text-sm text-slate-500 dark:text-slate-400">
          No published version yet, so there are no states to show.
        </p>
      ) : (
        <ul
          className="divide-y divide-slate-100 border-t border-slate-100 dark:divide-slate-800 dark:border-slate-800"
          aria-label={`${workflow.name} states`}
        >
          {workflow.states.map((state) => (
            <StateRow key={state.key} workflowKey={workflow.key} state={state} />
          ))}
        </ul>
      )}
      <footer className="mt-auto border-t border-slate-100 px-5 py-3 dark:border-slate-800">
        <Link
          href={documentsHref({ workflow: workflow.key })}
          className="inline-flex items-center gap-1 text-sm font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-400 dark:hover:text-indigo-300"
        >
          All {workflow.name} documents <ChevronRightIcon className="h-4 w-4" />
        </Link>
      </footer>
    </section>
  );
}

function StateRow({ workflowKey, state }: { workflowKey: string; state: DashboardState }) {
  const isAlert = state.kind === "error" && state.count > 0;
  const isMuted = state.kind === "terminal";
  return (
    // The state link is stretched over the row; the over-SLA and retrying chips sit above it.
    <li
      className={`group relative flex items-center gap-3 px-5 py-2 text-sm transition-colors ${
        isAlert
          ? "bg-red-50/70 hover:bg-red-50 dark:bg-red-500/[0.07] dark:hover:bg-red-500/10"
          : "hover:bg-slate-50 dark:hover:bg-slate-800/50"
      }`}
    >
      <span aria-hidden className={`h-2 w-2 shrink-0 rounded-full ${toneDotClass(KIND_TONE[state.kind])}`} />
      <Link
        href={documentsHref({ workflow: workflowKey, state: state.key })}
        aria-label={`${state.label}: ${state.count} document${state.count === 1 ? "" : "s"}`}
        data-state={state.key}
        data-count={state.count}
        className={`min-w-0 flex-1 truncate after:absolute after:inset-0 focus-visible:outline-none ${isAlert ? "font-medium text-red-700 dark:text-red-300" : isMuted ? "text-slate-500 dark:text-slate-400" : "text-slate-700 dark:text-slate-200"}`}
      >
        {state.label}
      </Link>
      {state.overSla > 0 && (
        <Link
          href={documentsHref({ workflow: workflowKey, state: state.key, sla: "over" })}
          className="relative z-10"
          title={`Waiting longer than the SLA of ${formatDuration((state.slaSeconds ?? 0) * 1000)}`}
        >
          <Badge tone="amber" dot>
            {formatCount(state.overSla)} over SLA
          </Badge>
        </Link>
      )}
      {state.retrying > 0 && (
        <Link
          href={documentsHref({ workflow: workflowKey, state: state.key, status: "retrying" })}
          className="relative z-10"
          title="Action failed; another attempt is scheduled"
        >
          <Badge tone="violet">{formatCount(state.retrying)} retrying</Badge>
        </Link>
      )}
      {state.kind === "error" && <Badge tone="red">error</Badge>}
      {state.kind === "terminal" && <span className="text-xs text-slate-500 dark:text-slate-400">final</span>}
      {state.kind === "unknown" && <Badge tone="amber">retired</Badge>}
      <span
        aria-hidden
        className={`tabular w-14 text-right ${
          isAlert
            ? "text-base font-semibold text-red-700 dark:text-red-300"
            : state.count === 0
              ? "text-slate-300 dark:text-slate-600"
              : isMuted
                ? "text-slate-500 dark:text-slate-400"
                : "font-medium text-slate-900 dark:text-white"
        } group-hover:underline`}
      >
        {formatCount(state.count)}
      </span>
    </li>
  );
}

function DistributionBar({ states, total }: { states: DashboardState[]; total: number }) {
  if (total === 0) return <div className="mx-5 mb-4 h-1.5 rounded-full bg-slate-100 dark:bg-slate-800" />;
  return (
    <div
      className="mx-5 mb-4 flex h-1.5 gap-px overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
      aria-hidden
    >
      {states
        .filter((s) => s.count > 0)
        .map((s) => (
          <div
            key={s.key}
            className={KIND_BAR[s.kind]}
            style={{ width: `${(s.count / total) * 100}%` }}
            title={`${s.label}: ${s.count}`}
          />
        ))}
    </div>
  );
}

import type { DocumentView } from "@/lib/services/documents/document-view";
import { Badge } from "../../ui/badge";
import { formatAbsolute, formatDuration } from "../../ui/format";
import { StateBadge } from "../state-badge";
import type { DisplayStateKind } from "../state-kind";

/** Title, state, time in state against the state's SLA, and the identifying facts. */
export function DocumentHeader({
  doc,
  workflowName,
  stateLabel,
  stateKind,
  slaSeconds,
  nowIso,
}: {
  doc: DocumentView;
  workflowName: string;
  stateLabel: string;
  stateKind: DisplayStateKind;
  slaSeconds?: number;
  nowIso: string;
}) {
  const inStateMs = Date.parse(nowIso) - Date.parse(doc.stateEnteredAt);
  const isOverSla = slaSeconds !== undefined && inStateMs > slaSeconds * 1000;
  const slaShare = slaSeconds ? Math.min(1, inStateMs / (slaSeconds * 1000)) : null;
  return (
    <header className="mb-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="min-w-0 truncate text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">
          {doc.title}
        </h1>
        <span data-testid="document-state">
          <StateBadge label={stateLabel} kind={stateKind} />
        </span>
      </div>
      <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-2 text-sm">
        <Fact label="Workflow">
          {workflowName} <span className="text-slate-500 dark:text-slate-400">v{doc.workflowVersion}</span>
        </Fact>
        <Fact label="In state">
          <span className="tabular" title={`Since ${formatAbsolute(new Date(doc.stateEnteredAt))}`}>
            {formatDuration(inStateMs)}
          </span>
        </Fact>
        <Fact label="SLA">
          {slaSeconds === undefined ? (
            <span className="text-slate-500 dark:text-slate-400">none</span>
          ) : (
            <span className="inline-flex items-center gap-2">
              <span className="h-1.5 w-16 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700" aria-hidden>
                <span
                  className={`block h-full ${isOverSla ? "bg-red-500" : slaShare! > 0.75 ? "bg-amber-500" : "bg-emerald-500"}`}
                  style={{ width: `${(slaShare ?? 0) * 100}%` }}
                />
              </span>
              {isOverSla ? (
                <Badge tone="red">Over SLA by {formatDuration(inStateMs - slaSeconds * 1000)}</Badge>
              ) : (
                <span className="tabular">
                  {formatDuration(slaSeconds * 1000 - inStateMs)} left of {formatDuration(slaSeconds * 1000)}
                </span>
              )}
            </span>
          )}
        </Fact>
        {doc.externalRef && (
          <Fact label="External ref">
            <code className="font-mono text-xs">{doc.externalRef}</code>
          </Fact>
        )}
        <Fact label="Version">
          <span className="tabular" data-testid="document-version">
            {doc.version}
          </span>
        </Fact>
        <Fact label="Created">
          <span title={formatAbsolute(new Date(doc.createdAt))}>{formatAbsolute(new Date(doc.createdAt))}</span>
        </Fact>
      </dl>
    </header>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex items-baseline gap-1.5">
      <dt className="text-xs tracking-wide text-slate-500 uppercase dark:text-slate-400">{label}</dt>
      <dd className="text-slate-700 dark:text-slate-200">{children}</dd>
    </div>
  );
}

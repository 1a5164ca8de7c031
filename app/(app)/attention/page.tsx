import type { Metadata } from "next";
import { AllClear, AttentionSection } from "@/components/dashboard/attention-section";
import { ErrorGroupRetry } from "@/components/dashboard/error-group-retry";
import { ErrorGroups, errorGroupKey } from "@/components/dashboard/error-groups";
import { OverSlaGroups } from "@/components/dashboard/over-sla-groups";
import { RetryingTable } from "@/components/dashboard/retrying-table";
import { AutoRefresh } from "@/components/documents/auto-refresh";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/db/client";
import { listErrorGroups } from "@/lib/services/jobs/list-error-groups";
import { listErrorGroupRetries } from "@/lib/services/bulk/list-error-group-retries";
import { listOverSla } from "@/lib/services/stats/list-over-sla";
import { listRetrying } from "@/lib/services/stats/list-retrying";
import { requirePageActor } from "../page-auth";

export const metadata: Metadata = { title: "Needs attention" };

/** How long an error group's retry stays on its card (and, once the group is gone, in "Recently retried"). */
const RECENT_RETRY_MS = 24 * 3_600_000;

/** Over-SLA, retrying and failing documents in one place, each group linking to the documents list with a bulk action preset. */
export default async function AttentionPage() {
  const actor = await requirePageActor();
  const db = await getDb();
  const now = new Date();
  const [overSla, retrying, errorGroups, groupRetries] = await Promise.all([
    listOverSla(db, { limit: 5 }),
    listRetrying(db, { limit: 10 }),
    listErrorGroups(db, { limit: 30 }),
    listErrorGroupRetries(db, actor, { since: new Date(now.getTime() - RECENT_RETRY_MS) }),
  ]);
  const retries = new Map(groupRetries.map((r) => [errorGroupKey(r.workflow, r.signature), r]));
  const failingKeys = new Set(errorGroups.map((g) => errorGroupKey(g.workflow, g.signature)));
  // Groups retried lately that no longer fail: their retry's outcome is the news.
  const resolved = groupRetries.filter((r) => !failingKeys.has(errorGroupKey(r.workflow, r.signature)));
  const overSlaTotal = overSla.reduce((n, g) => n + g.count, 0);
  const failingTotal = errorGroups.reduce((n, g) => n + g.count, 0);
  return (
    <>
      <PageHeader
        title="Needs attention"
        description="Documents waiting too long, waiting for a retry, or stopped by a failing action."
        actions={<AutoRefresh seconds={15} />}
      />
      <nav aria-label="Sections" className="mb-8 flex flex-wrap gap-2 text-sm">
        {[
          { href: "#errors", label: "Failing actions", n: failingTotal, tone: "text-red-700 dark:text-red-300" },
          { href: "#over-sla", label: "Over SLA", n: overSlaTotal, tone: "text-amber-700 dark:text-amber-300" },
          { href: "#retrying", label: "Retrying", n: retrying.total, tone: "text-violet-700 dark:text-violet-300" },
        ].map((s) => (
          <a
            key={s.href}
            href={s.href}
            className="inline-flex items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-1.5 text-slate-700 shadow-sm hover:bg-slate-50 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
          >
            {s.label}{" "}
            <span className={`tabular font-semibold ${s.n ? s.tone : "text-slate-500 dark:text-slate-400"}`}>
              {s.n.toLocaleString("en-US")}
            </span>
          </a>
        ))}
      </nav>

      <AttentionSection
        id="errors"
        title="Failing actions by error"
        count={errorGroups.length}
        description="Documents whose automated action failed, grouped by action and normalised message."
      >
        {errorGroups.length === 0 ? (
          <AllClear>
            No failing actions. Every automated action that ran recently succeeded or is still running.
          </AllClear>
        ) : (
          <ErrorGroups groups={errorGroups} retries={retries} now={now} />
        )}
        {resolved.length > 0 && (
          <div className="mt-6" data-testid="recently-retried">
            <h3 className="text-sm font-semibold text-slate-700 dark:text-slate-200">Recently retried</h3>
            <p className="text-xs text-slate-500 dark:text-slate-400">
              Error groups retried in the last 24 hours that no longer fail.
            </p>
            <ul className="mt-2 space-y-2">
              {resolved.map((r) => (
                <li key={r.operation.id} data-signature={r.signature}>
                  <p className="font-mono text-xs text-slate-600 dark:text-slate-300">
                    {r.workflow ?? "any workflow"} · {r.signature}
                  </p>
                  <ErrorGroupRetry initial={r.operation} />
                </li>
              ))}
            </ul>
          </div>
        )}
      </AttentionSection>

      <AttentionSection
        id="over-sla"
        title="Over SLA"
        count={overSlaTotal}
        description="Documents that have waited in a state longer than its SLA, longest waits first."
      >
        {overSla.length === 0 ? (
          <AllClear>Every document is within its state’s SLA.</AllClear>
        ) : (
          <OverSlaGroups groups={overSla} />
        )}
      </AttentionSection>

      <AttentionSection
        id="retrying"
        title="Retrying"
        count={retrying.total}
        description="Actions that failed and will run again; the soonest next attempts first."
      >
        {retrying.total === 0 ? (
          <AllClear>No document is waiting for a retry.</AllClear>
        ) : (
          <RetryingTable list={retrying} now={now} />
        )}
      </AttentionSection>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { AlertsList } from "@/components/alerts/alerts-list";
import { AutoRefresh } from "@/components/documents/auto-refresh";
import { EmptyState } from "@/components/ui/empty-state";
import { BellIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { textLinkClass } from "@/components/ui/styles";
import { hasAtLeastRole } from "@/lib/engine";
import { getDb } from "@/lib/db/client";
import { countActiveAlerts, listAlerts } from "@/lib/services/alerts/list-alerts";
import { requirePageActor } from "../page-auth";
import { acknowledgeAlertAction } from "./actions";

export const metadata: Metadata = { title: "Alerts" };

const TABS = [
  { status: "active", label: "Active" },
  { status: "resolved", label: "Resolved" },
  { status: "all", label: "All" },
] as const;

type Tab = (typeof TABS)[number]["status"];

export default async function AlertsPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const actor = await requirePageActor();
  const db = await getDb();
  const requested = (await searchParams).status;
  const tab: Tab = TABS.some((t) => t.status === requested) ? (requested as Tab) : "active";
  const [alerts, counts] = await Promise.all([listAlerts(db, { status: tab, limit: 200 }), countActiveAlerts(db)]);
  const canAcknowledge = hasAtLeastRole(actor.role, "operator");
  const now = new Date();

  return (
    <>
      <PageHeader
        title="Alerts"
        description={
          <>
            Raised by the alert rules in{" "}
            <Link href="/settings#alert-rules" className={textLinkClass}>
              Settings
            </Link>
            ; they resolve by themselves when the condition clears.
          </>
        }
        actions={<AutoRefresh seconds={10} />}
      />
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
        <nav
          aria-label="Alert status"
          className="inline-flex rounded-lg border border-slate-200 bg-white p-0.5 text-sm shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
          {TABS.map((t) => (
            <Link
              key={t.status}
              href={t.status === "active" ? "/alerts" : `/alerts?status=${t.status}`}
              aria-current={tab === t.status ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 font-medium transition-colors ${tab === t.status ? "bg-slate-900 text-white dark:bg-white dark:text-slate-900" : "text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white"}`}
            >
              {t.label}
              {t.status === "active" && counts.open + counts.acknowledged > 0
                ? ` (${counts.open + counts.acknowledged})`
                : ""}
            </Link>
          ))}
        </nav>
        <p className="text-sm text-slate-500 dark:text-slate-400">
          <span className="font-semibold text-red-600 dark:text-red-400">{counts.open}</span> open ·{" "}
          <span className="font-semibold text-amber-600 dark:text-amber-400">{counts.acknowledged}</span> acknowledged
        </p>
      </div>
      {alerts.length === 0 ? (
        <EmptyState icon={BellIcon} title={tab === "active" ? "No active alerts" : "No alerts here yet"}>
          {tab === "active" ? "Every alert rule is within its threshold." : "Alerts appear here once a rule has fired."}
        </EmptyState>
      ) : (
        <AlertsList alerts={alerts} now={now} acknowledgeAction={canAcknowledge ? acknowledgeAlertAction : undefined} />
      )}
    </>
  );
}

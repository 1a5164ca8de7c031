import type { Metadata } from "next";
import { OpenAlertsSummary } from "@/components/alerts/open-alerts-summary";
import { LiveDashboard } from "@/components/dashboard/live-dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "./page-auth";
import { getDb } from "@/lib/db/client";
import { getOpenAlertsSummary } from "@/lib/services/alerts/list-alert-targets";
import { getDashboard } from "@/lib/services/stats/get-dashboard";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requirePageActor();
  // The server renders the first snapshot; LiveDashboard polls the same service through
  // GET /api/v1/stats/dashboard from then on.
  const db = await getDb();
  const [initial, alerts] = await Promise.all([getDashboard(db), getOpenAlertsSummary(db, actor, { limit: 3 })]);
  return (
    <>
      <PageHeader title="Dashboard" description="Where documents are, what is stuck and what failed — live." />
      <LiveDashboard
        initial={initial}
        alerts={
          <div className="mb-6">
            <OpenAlertsSummary data={alerts} />
          </div>
        }
      />
    </>
  );
}

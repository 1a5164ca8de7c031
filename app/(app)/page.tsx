import type { Metadata } from "next";
import { LiveDashboard } from "@/components/dashboard/live-dashboard";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "./page-auth";
import { getDb } from "@/lib/db/client";
import { getDashboard } from "@/lib/services/stats/get-dashboard";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const actor = await requirePageActor();
  // The server renders the first snapshot; LiveDashboard polls the same service through
  // GET /api/v1/stats/dashboard from then on.
  const initial = await getDashboard(await getDb(), actor);
  return (
    <>
      <PageHeader title="Dashboard" description="Where documents are, what is stuck and what failed — live." />
      <LiveDashboard initial={initial} />
    </>
  );
}

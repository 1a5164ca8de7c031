import type { Metadata } from "next";
import { SummaryStats, type Totals } from "@/components/dashboard/summary-stats";
import { WorkflowStateCard, type WorkflowCardData } from "@/components/dashboard/workflow-state-card";
import { EmptyState } from "@/components/ui/empty-state";
import { WorkflowIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "./page-auth";
import { getDb } from "@/lib/db/client";
import { countDocumentsByState } from "@/lib/services/stats/count-documents-by-state";
import { getPublishedDefinitions, statesForDisplay } from "@/lib/services/workflows/get-published-definitions";
import { listWorkflows } from "@/lib/services/workflows/list-workflows";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  await requirePageActor();
  const db = await getDb();
  const [workflows, counts, definitions] = await Promise.all([listWorkflows(db), countDocumentsByState(db), getPublishedDefinitions(db)]);

  const countsByWorkflow = new Map<string, Map<string, number>>();
  for (const row of counts) {
    const byState = countsByWorkflow.get(row.workflowId) ?? new Map<string, number>();
    byState.set(row.state, row.count);
    countsByWorkflow.set(row.workflowId, byState);
  }

  const totals: Totals = { documents: 0, active: 0, errored: 0, finished: 0 };
  const cards: WorkflowCardData[] = workflows.map((workflow) => {
    const byState = countsByWorkflow.get(workflow.id) ?? new Map<string, number>();
    const published = definitions.get(workflow.id);
    const states = statesForDisplay(published?.definition ?? null, byState.keys()).map((s) => ({ ...s, count: byState.get(s.key) ?? 0 }));
    for (const s of states) {
      totals.documents += s.count;
      if (s.kind === "error") totals.errored += s.count;
      else if (s.kind === "terminal") totals.finished += s.count;
      else totals.active += s.count;
    }
    return {
      key: workflow.key,
      name: workflow.name,
      description: workflow.description,
      version: published?.version ?? null,
      hasDraft: workflow.hasDraft,
      total: states.reduce((sum, s) => sum + s.count, 0),
      states,
    };
  });

  return (
    <>
      <PageHeader title="Dashboard" description="Live document counts for every workflow and state." />
      {cards.length === 0 ? (
        <EmptyState icon={WorkflowIcon} title="No workflows yet">
          Workflows define the states a document moves through. Create one through the API
          (<code className="font-mono text-xs">POST /api/v1/workflows</code>) and its counts appear here.
        </EmptyState>
      ) : (
        <>
          <SummaryStats totals={totals} workflows={cards.length} />
          <div className="grid gap-6 xl:grid-cols-2">
            {cards.map((card) => (
              <WorkflowStateCard key={card.key} workflow={card} />
            ))}
          </div>
        </>
      )}
    </>
  );
}

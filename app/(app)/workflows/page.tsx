import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount } from "@/components/ui/format";
import { WorkflowIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { WorkflowsTable } from "@/components/workflows/workflows-table";
import { NewWorkflowButton } from "@/components/designer/new-workflow-button";
import { requirePageActor } from "../page-auth";
import { getDb } from "@/lib/db/client";
import { listWorkflows } from "@/lib/services/workflows/list-workflows";
import { createWorkflowAction } from "./actions";

export const metadata: Metadata = { title: "Workflows" };

export default async function WorkflowsPage() {
  const actor = await requirePageActor();
  const workflows = await listWorkflows(await getDb());
  const now = new Date();
  const documents = workflows.reduce((sum, w) => sum + w.documentCount, 0);
  return (
    <>
      <PageHeader
        title="Workflows"
        description={
          workflows.length
            ? `${workflows.length} workflow${workflows.length === 1 ? "" : "s"} · ${formatCount(documents)} documents`
            : "The state graphs documents move through."
        }
        actions={actor.role === "admin" ? <NewWorkflowButton action={createWorkflowAction} /> : undefined}
      />
      {workflows.length === 0 ? (
        <EmptyState icon={WorkflowIcon} title="No workflows yet">
          {actor.role === "admin" ? (
            <>
              Use <strong>New workflow</strong> to draw one, blank or from the invoice template, or create one through
              the API (<code className="font-mono text-xs">POST /api/v1/workflows</code>).
            </>
          ) : (
            <>An admin creates workflows; they are listed here once they exist.</>
          )}
        </EmptyState>
      ) : (
        <WorkflowsTable workflows={workflows} now={now} />
      )}
    </>
  );
}

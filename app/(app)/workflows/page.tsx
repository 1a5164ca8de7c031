import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { requireRole } from "@/lib/auth/require-role";
import { listWorkflows } from "@/lib/services/workflows/list-workflows";

export const metadata: Metadata = { title: "Workflows" };

export default async function WorkflowsPage() {
  await requireRole("VIEWER");
  const workflows = await listWorkflows(await getDb());
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">Workflows</h1>
      <ul className="mt-6 space-y-2">
        {workflows.map((w) => (
          <li key={w.id} className="rounded-xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
            <div className="font-medium">{w.name}</div>
            <div className="text-sm text-slate-500">{w.key} · v{w.latestVersion ?? "—"} · {w.documentCount} documents</div>
          </li>
        ))}
      </ul>
    </div>
  );
}

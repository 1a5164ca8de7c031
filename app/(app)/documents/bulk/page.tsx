import type { Metadata } from "next";
import Link from "next/link";
import { describeOperation } from "@/components/documents/bulk/describe-operation";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount } from "@/components/ui/format";
import { InboxIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { TableHead, TBODY } from "@/components/ui/table-head";
import { getDb } from "@/lib/db/client";
import { listBulkOperations } from "@/lib/services/bulk/get-bulk-operation";
import type { BulkOperationView } from "@/lib/services/bulk/bulk-operation-view";
import { AutoRefresh } from "@/components/documents/auto-refresh";
import { requirePageActor } from "../../page-auth";

export const metadata: Metadata = { title: "Bulk operations" };

const TONE: Record<BulkOperationView["status"], BadgeTone> = {
  queued: "neutral",
  running: "indigo",
  completed: "green",
  cancelled: "amber",
  failed: "red",
  paused: "amber",
};

export default async function BulkOperationsPage() {
  const actor = await requirePageActor();
  const operations = await listBulkOperations(await getDb(), actor, { limit: 100 });
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Bulk operations"
        description="Fire, move, retry and cancel over many documents, newest first."
        actions={
          <>
            <AutoRefresh seconds={5} />
            <Link href="/documents" className={buttonClass.secondary}>
              Documents
            </Link>
          </>
        }
      />
      {operations.length === 0 ? (
        <EmptyState icon={InboxIcon} title="No bulk operations yet">
          Select documents in the list (or take everything a filter matches) and choose “Bulk action…”.
        </EmptyState>
      ) : (
        <div className={`${cardClass} overflow-hidden`}>
          <table className="w-full text-sm">
            <TableHead
              columns={[
                "Operation",
                "Status",
                { label: "Progress", className: "w-64" },
                "By",
                { label: "Started", align: "right" },
              ]}
            />
            <tbody className={TBODY}>
              {operations.map((op) => (
                <tr key={op.id} className="hover:bg-slate-50/60 dark:hover:bg-slate-800/30">
                  <th scope="row" className="px-4 py-2.5 text-left font-medium">
                    <Link
                      href={`/documents/bulk/${op.id}`}
                      className="text-slate-900 hover:text-indigo-600 hover:underline dark:text-white"
                    >
                      {describeOperation(op)}
                    </Link>
                  </th>
                  <td className="px-4 py-2.5">
                    <Badge tone={TONE[op.status]} dot>
                      {op.status}
                    </Badge>
                  </td>
                  <td className="px-4 py-2.5">
                    <div className="flex items-center gap-2">
                      <div className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800">
                        <div
                          className="h-full bg-indigo-500"
                          style={{ width: `${op.total ? (op.processed / op.total) * 100 : 0}%` }}
                        />
                      </div>
                      <span className="tabular text-xs text-slate-500">
                        {formatCount(op.processed)}/{formatCount(op.total)}
                      </span>
                      {op.failed > 0 && (
                        <span className="tabular text-xs text-red-600 dark:text-red-400">
                          {formatCount(op.failed)} failed
                        </span>
                      )}
                    </div>
                  </td>
                  <td className="px-4 py-2.5 text-slate-600 dark:text-slate-300">{op.createdBy.name}</td>
                  <td className="px-4 py-2.5 text-right text-slate-500 dark:text-slate-400">
                    <RelativeTime date={new Date(op.createdAt)} now={now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

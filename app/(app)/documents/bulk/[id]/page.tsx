import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BulkProgress } from "@/components/documents/bulk/bulk-progress";
import { describeOperation } from "@/components/documents/bulk/describe-operation";
import { ChevronLeftIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/styles";
import { hasAtLeastRole } from "@/lib/engine";
import { getDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors/app-error";
import { BULK_ACTION_ROLE } from "@/lib/services/bulk/bulk-authorization";
import { getBulkOperation } from "@/lib/services/bulk/get-bulk-operation";
import { requirePageActor } from "../../../page-auth";

export const metadata: Metadata = { title: "Bulk operation" };

export default async function BulkOperationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const operation = await getBulkOperation(await getDb(), actor, { id }).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <>
      <PageHeader
        title={`Bulk operation: ${describeOperation(operation)}`}
        description={`Queued ${new Date(operation.createdAt).toISOString().replace("T", " ").slice(0, 19)} UTC · each document is changed in its own transaction`}
        actions={
          <Link href="/documents/bulk" className={buttonClass.secondary}>
            <ChevronLeftIcon className="h-4 w-4" /> All bulk operations
          </Link>
        }
      />
      <BulkProgress initial={operation} canCancel={hasAtLeastRole(actor.role, BULK_ACTION_ROLE[operation.action])} />
    </>
  );
}

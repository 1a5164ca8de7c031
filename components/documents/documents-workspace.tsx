"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { type DocumentsLink } from "@/lib/contracts/document-filter";
import { formatCount } from "../ui/format";
import { buttonClass } from "../ui/styles";
import { BulkDialog } from "./bulk/bulk-dialog";
import type { BulkAction, BulkTarget, BulkWorkflowChoices } from "./bulk/bulk-types";
import { DocumentsTable, type DocumentRow, type StateLookupTable } from "./documents-table";

/**
 * The documents table with selection and bulk actions (operators and admins): check rows,
 * or take every document the filter matches, then open the bulk dialog. `?bulk=<action>`
 * in the URL (links from the dashboard and the needs-attention view) opens it over the
 * whole filter with that action chosen.
 */
export function DocumentsWorkspace({
  items,
  nowMs,
  states,
  filter,
  filterCount,
  hasMore,
  workflows,
  canBulk,
  canMove,
}: {
  items: DocumentRow[];
  nowMs: number;
  states: StateLookupTable;
  filter: DocumentsLink;
  /** Exact number of documents matching the filter, when cheaply known. */
  filterCount: number | null;
  /** The filter matches more documents than this page shows. */
  hasMore: boolean;
  workflows: Record<string, BulkWorkflowChoices>;
  canBulk: boolean;
  canMove: boolean;
}) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const presetAction = searchParams.get("bulk") as BulkAction | null;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [isWholeFilter, setWholeFilter] = useState(false);
  const [dialogAction, setDialogAction] = useState<BulkAction | null | undefined>(
    canBulk && presetAction ? presetAction : undefined,
  );
  const presetTarget = canBulk && presetAction !== null;

  const toggle = (id: string) => {
    setWholeFilter(false);
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const setPage = (isOn: boolean) => {
    setWholeFilter(false);
    setSelected(isOn ? new Set(items.map((d) => d.id)) : new Set());
  };
  const clear = () => {
    setSelected(new Set());
    setWholeFilter(false);
  };

  const useFilter = isWholeFilter || (dialogAction !== undefined && presetTarget && selected.size === 0);
  const target: BulkTarget = useFilter
    ? { kind: "filter", filter, count: filterCount }
    : { kind: "ids", ids: [...selected] };
  const targetWorkflows = useFilter
    ? filter.workflow
      ? [filter.workflow]
      : Object.keys(workflows).length === 1
        ? Object.keys(workflows)
        : []
    : [...new Set(items.filter((d) => selected.has(d.id)).map((d) => d.workflow))];
  const workflow = targetWorkflows.length === 1 ? (workflows[targetWorkflows[0]!] ?? null) : null;
  const isPageSelected = items.length > 0 && items.every((d) => selected.has(d.id));

  const closeDialog = () => {
    setDialogAction(undefined);
    if (presetAction) {
      const params = new URLSearchParams(searchParams.toString());
      params.delete("bulk");
      router.replace(`/documents${params.size ? `?${params}` : ""}`, { scroll: false });
    }
  };

  return (
    <>
      {canBulk && (selected.size > 0 || isWholeFilter) && (
        <div
          role="region"
          aria-label="Selection"
          className="sticky top-2 z-10 mb-3 flex flex-wrap items-center gap-3 rounded-xl border border-indigo-200 bg-indigo-50/95 px-4 py-2.5 text-sm shadow-sm backdrop-blur dark:border-indigo-500/30 dark:bg-indigo-950/80"
        >
          <span className="font-medium text-indigo-900 dark:text-indigo-100" data-testid="selection-summary">
            {isWholeFilter
              ? filterCount !== null
                ? `All ${formatCount(filterCount)} matching documents selected`
                : "All documents matching this filter selected"
              : `${formatCount(selected.size)} selected`}
          </span>
          {!isWholeFilter && isPageSelected && hasMore && (
            <button
              type="button"
              className="font-medium text-indigo-700 underline underline-offset-2 hover:text-indigo-900 dark:text-indigo-300"
              onClick={() => setWholeFilter(true)}
            >
              Select all {filterCount !== null ? formatCount(filterCount) : ""} matching this filter
            </button>
          )}
          <span className="flex-1" />
          <button type="button" className={buttonClass.ghost} onClick={clear}>
            Clear
          </button>
          <button type="button" className={buttonClass.primary} onClick={() => setDialogAction(null)}>
            Bulk action…
          </button>
        </div>
      )}
      <DocumentsTable
        items={items}
        nowMs={nowMs}
        states={states}
        selection={canBulk ? { selected, toggle, setPage } : undefined}
      />
      {dialogAction !== undefined && (
        <BulkDialog
          target={target}
          workflow={workflow}
          canMove={canMove}
          initialAction={dialogAction ?? undefined}
          onClose={closeDialog}
        />
      )}
    </>
  );
}

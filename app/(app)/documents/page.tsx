import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/documents/auto-refresh";
import type { BulkWorkflowChoices } from "@/components/documents/bulk/bulk-types";
import { CreateDocumentDialog } from "@/components/documents/create-document-dialog";
import { DocumentFilters } from "@/components/documents/document-filters";
import type { StateLookupTable } from "@/components/documents/documents-table";
import { DocumentsWorkspace } from "@/components/documents/documents-workspace";
import { StateChips } from "@/components/documents/state-chips";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount } from "@/components/ui/format";
import { AlertIcon, ChevronLeftIcon, ChevronRightIcon, InboxIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/styles";
import { hasAtLeastRole } from "@/lib/engine";
import { getDb } from "@/lib/db/client";
import {
  documentsHref,
  narrowsBeyondState,
  type DocumentsLink,
  documentsPageParams,
} from "@/lib/contracts/document-filter";
import { isAppError } from "@/lib/errors/app-error";
import { listDocuments, type DocumentPage } from "@/lib/services/documents/list-documents";
import { countDocumentsByState } from "@/lib/services/stats/count-documents-by-state";
import { getPublishedDefinitions, statesForDisplay } from "@/lib/services/workflows/get-published-definitions";
import { listWorkflows } from "@/lib/services/workflows/list-workflows";
import { requirePageActor } from "../page-auth";

export const metadata: Metadata = { title: "Documents" };

type SearchParams = Record<string, string | string[] | undefined>;

function InvalidLink({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <>
      <PageHeader title="Documents" />
      <EmptyState
        icon={AlertIcon}
        title={title}
        action={
          <Link href="/documents" className={buttonClass.secondary}>
            Show all documents
          </Link>
        }
      >
        {children}
      </EmptyState>
    </>
  );
}

export default async function DocumentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requirePageActor();
  const raw = await searchParams;
  const parsed = documentsPageParams.safeParse(raw);
  if (!parsed.success) {
    return (
      <InvalidLink title="This link is not valid">
        {parsed.error.issues[0]?.message ?? "The filter in the address could not be read."}
      </InvalidLink>
    );
  }
  const params = parsed.data;
  const text = (key: string) => (typeof raw[key] === "string" ? (raw[key] as string) : undefined);
  // The filter as typed in the URL (dates as given), for links; `params` is its parsed meaning.
  const filter: DocumentsLink = {
    workflow: params.workflow,
    state: params.state,
    q: params.q,
    status: params.status,
    errors: params.errors || undefined,
    sla: params.sla,
    signature: params.signature,
    sort: params.sort,
    createdFrom: text("createdFrom"),
    createdTo: text("createdTo"),
    updatedFrom: text("updatedFrom"),
    updatedTo: text("updatedTo"),
    took: params.took,
    path: params.path,
    tookFrom: text("tookFrom"),
    tookTo: text("tookTo"),
  };
  const db = await getDb();
  const [workflows, definitions] = await Promise.all([listWorkflows(db), getPublishedDefinitions(db)]);
  const selected = params.workflow ? workflows.find((w) => w.key === params.workflow) : undefined;
  if (params.workflow && !selected) {
    return (
      <InvalidLink title="No such workflow">
        There is no workflow with the key <code className="font-mono">{params.workflow}</code>.
      </InvalidLink>
    );
  }

  let page: DocumentPage;
  try {
    page = await listDocuments(db, actor, { ...params, cursor: params.cursor });
  } catch (error) {
    if (isAppError(error) && error.code === "VALIDATION_FAILED") {
      return <InvalidLink title="This link is not valid">{error.message}</InvalidLink>;
    }
    throw error;
  }
  const counts = await countDocumentsByState(db, { workflowId: selected?.id });
  const isCountExact = !narrowsBeyondState(filter);
  const total = counts.filter((c) => !params.state || c.state === params.state).reduce((sum, c) => sum + c.count, 0);

  // Labels, kinds and SLAs of every workflow's states, and for bulk actions its transitions.
  const states: StateLookupTable = {};
  const bulkChoices: Record<string, BulkWorkflowChoices> = {};
  for (const w of workflows) {
    const definition = definitions.get(w.id)?.definition ?? null;
    const sla = new Map(definition?.states.map((s) => [s.key, s.sla?.maxSeconds]) ?? []);
    states[w.key] = Object.fromEntries(
      statesForDisplay(definition).map((s) => [s.key, { label: s.label, kind: s.kind, slaSeconds: sla.get(s.key) }]),
    );
    if (definition) {
      const seen = new Set<string>();
      bulkChoices[w.key] = {
        key: w.key,
        name: w.name,
        transitions: definition.transitions
          .filter((t) => !seen.has(t.key) && seen.add(t.key))
          .map((t) => ({ key: t.key, label: t.label ?? t.key, to: t.to, requireReason: t.requireReason ?? false })),
        states: definition.states.map((s) => ({ key: s.key, label: s.label ?? s.key })),
      };
    }
  }
  const workflowNames = new Map(workflows.map((w) => [w.key, w.name]));
  const rows = page.items.map((d) => ({
    id: d.id,
    title: d.title,
    state: d.state,
    workflow: d.workflow,
    workflowName: workflowNames.get(d.workflow) ?? d.workflow,
    externalRef: d.externalRef,
    stateEnteredAt: d.stateEnteredAt,
    updatedAt: d.updatedAt,
    job: d.job ? { status: d.job.status, attempt: d.job.attempt } : null,
  }));

  const selectedStates = selected
    ? statesForDisplay(
        definitions.get(selected.id)?.definition ?? null,
        counts.map((c) => c.state),
      )
    : [];
  const countByState = new Map(counts.map((c) => [c.state, c.count]));
  const stateLabel = params.state
    ? selected
      ? (states[selected.key]?.[params.state]?.label ?? params.state)
      : params.state
    : undefined;
  const isFiltered = Boolean(params.workflow || narrowsBeyondState(filter));
  const sortLabel = {
    updated_desc: "most recently updated first",
    updated_asc: "least recently updated first",
    created_desc: "newest first",
    created_asc: "oldest first",
  }[params.sort ?? "updated_desc"];
  const canBulk = hasAtLeastRole(actor.role, "operator");
  const now = new Date();

  return (
    <>
      <PageHeader
        title="Documents"
        description={
          <span data-testid="documents-total">
            {isCountExact
              ? `${formatCount(total)} document${total === 1 ? "" : "s"}`
              : `${page.nextCursor ? `${page.items.length}+` : page.items.length} matching document${page.items.length === 1 ? "" : "s"}`}
            {selected ? ` in ${selected.name}` : ""}
            {stateLabel ? ` · ${stateLabel}` : ""} · {sortLabel}
          </span>
        }
        actions={
          <>
            <AutoRefresh />
            {canBulk && (
              <Link href="/documents/bulk" className={buttonClass.secondary}>
                Bulk operations
              </Link>
            )}
            {canBulk && workflows.length > 0 && (
              <CreateDocumentDialog
                workflows={workflows.map((w) => ({ key: w.key, name: w.name }))}
                defaultWorkflow={params.workflow}
              />
            )}
          </>
        }
      />
      <div className="mb-4">
        <DocumentFilters
          filter={filter}
          options={{
            workflows: workflows.map((w) => ({ key: w.key, name: w.name })),
            states: selectedStates.map((s) => ({ key: s.key, label: s.label })),
          }}
        />
      </div>
      {selected && (
        <StateChips
          filter={filter}
          states={selectedStates.map((s) => ({
            key: s.key,
            label: s.label,
            kind: s.kind,
            count: countByState.get(s.key) ?? 0,
          }))}
        />
      )}
      {page.items.length === 0 ? (
        <EmptyState
          icon={InboxIcon}
          title={params.cursor ? "No more documents" : "No documents here"}
          action={
            (isFiltered || params.cursor) && (
              <Link href="/documents" className={buttonClass.secondary}>
                Clear filters
              </Link>
            )
          }
        >
          {params.cursor
            ? "You have reached the end of the list."
            : isFiltered
              ? "No document matches this filter right now."
              : "Documents appear here once a system creates them through the API."}
        </EmptyState>
      ) : (
        <>
          <DocumentsWorkspace
            items={rows}
            nowMs={now.getTime()}
            states={states}
            filter={filter}
            filterCount={isCountExact ? total : null}
            hasMore={Boolean(page.nextCursor || params.cursor)}
            workflows={bulkChoices}
            canBulk={canBulk}
            canMove={hasAtLeastRole(actor.role, "admin")}
          />
          <nav
            aria-label="Pagination"
            className="mt-4 flex items-center justify-between text-sm text-slate-500 dark:text-slate-400"
          >
            <span className="tabular">
              {!params.cursor && !page.nextCursor
                ? `Showing all ${page.items.length}`
                : `${page.items.length} on this page`}
            </span>
            <div className="flex gap-2">
              {params.cursor && (
                <Link href={documentsHref(filter)} className={buttonClass.secondary}>
                  <ChevronLeftIcon className="h-4 w-4" /> First page
                </Link>
              )}
              {page.nextCursor && (
                <Link href={documentsHref({ ...filter, cursor: page.nextCursor })} className={buttonClass.secondary}>
                  Next page <ChevronRightIcon className="h-4 w-4" />
                </Link>
              )}
            </div>
          </nav>
        </>
      )}
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "@/components/documents/auto-refresh";
import { CreateDocumentDialog } from "@/components/documents/create-document-dialog";
import { hasRole } from "@/lib/auth/roles";
import { DocumentFilters } from "@/components/documents/document-filters";
import { DocumentsTable, type StateLookup } from "@/components/documents/documents-table";
import { StateChips } from "@/components/documents/state-chips";
import { EmptyState } from "@/components/ui/empty-state";
import { formatCount } from "@/components/ui/format";
import { AlertIcon, ChevronLeftIcon, ChevronRightIcon, InboxIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/styles";
import { documentsPageParams } from "@/lib/api/documents-page-params";
import { documentsQuery, hasExtraFilters, type ListFilter } from "@/lib/documents-ui/list-filter";
import { requirePageActor } from "../page-auth";
import { getDb } from "@/lib/db/client";
import { listDocumentsBasic } from "@/lib/services/documents/list-documents-basic";
import { countDocumentsByState } from "@/lib/services/stats/count-documents-by-state";
import { getPublishedDefinitions, statesForDisplay, type StateInfo } from "@/lib/services/workflows/get-published-definitions";
import { listWorkflows } from "@/lib/services/workflows/list-workflows";

export const metadata: Metadata = { title: "Documents" };

export default async function DocumentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor();
  const parsed = documentsPageParams.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <>
        <PageHeader title="Documents" />
        <EmptyState icon={AlertIcon} title="This link is not valid"
          action={<Link href="/documents" className={buttonClass.secondary}>Show all documents</Link>}>
          {parsed.error.issues[0]?.message ?? "The filter in the address could not be read."}
        </EmptyState>
      </>
    );
  }
  const params = parsed.data;
  const filter: ListFilter = { workflow: params.workflow, state: params.state, q: params.q, status: params.status, errors: params.errors === "1" };
  const db = await getDb();
  const [workflows, definitions] = await Promise.all([listWorkflows(db), getPublishedDefinitions(db)]);
  const selected = params.workflow ? workflows.find((w) => w.key === params.workflow) : undefined;
  if (params.workflow && !selected) {
    return (
      <>
        <PageHeader title="Documents" />
        <EmptyState icon={AlertIcon} title="No such workflow"
          action={<Link href="/documents" className={buttonClass.secondary}>Show all documents</Link>}>
          There is no workflow with the key <code className="font-mono">{params.workflow}</code>.
        </EmptyState>
      </>
    );
  }

  // Error states: of the selected workflow, else of every workflow (keys are per workflow,
  // so across workflows this is the union of their error-state keys).
  const errorStates = [...new Set(
    workflows
      .filter((w) => !selected || w.id === selected.id)
      .flatMap((w) => definitions.get(w.id)?.definition?.states.filter((s) => s.kind === "error").map((s) => s.key) ?? []),
  )];
  const [page, counts] = await Promise.all([
    listDocumentsBasic(db, actor, {
      workflowId: selected?.id,
      state: params.state,
      states: filter.errors ? errorStates : undefined,
      q: params.q,
      jobStatus: params.status?.toUpperCase() as "PENDING" | undefined,
      cursor: params.cursor,
    }),
    countDocumentsByState(db, { workflowId: selected?.id }),
  ]);
  const isCountExact = !hasExtraFilters(filter);
  const total = counts.filter((c) => !params.state || c.state === params.state).reduce((sum, c) => sum + c.count, 0);

  // state label/kind/SLA by workflow key, from each workflow's latest published definition
  const statesByWorkflow = new Map<string, Map<string, StateInfo & { slaSeconds?: number }>>();
  for (const w of workflows) {
    const definition = definitions.get(w.id)?.definition ?? null;
    const sla = new Map(definition?.states.map((s) => [s.key, s.sla?.maxSeconds]) ?? []);
    statesByWorkflow.set(w.key, new Map(statesForDisplay(definition).map((s) => [s.key, { ...s, slaSeconds: sla.get(s.key) }])));
  }
  const describeState = (workflowKey: string, state: string): StateLookup =>
    statesByWorkflow.get(workflowKey)?.get(state) ?? { label: state, kind: "unknown" };

  const selectedStates = selected
    ? statesForDisplay(definitions.get(selected.id)?.definition ?? null, counts.map((c) => c.state))
    : [];
  const countByState = new Map(counts.map((c) => [c.state, c.count]));
  const stateLabel = params.state ? (selected ? describeState(selected.key, params.state).label : params.state) : undefined;
  const now = new Date();
  const isFiltered = Boolean(params.workflow || hasExtraFilters(filter));

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
            {stateLabel ? ` · ${stateLabel}` : ""} · most recently updated first
          </span>
        }
        actions={
          <>
            <AutoRefresh />
            {hasRole(actor.role, "OPERATOR") && workflows.length > 0 && (
              <CreateDocumentDialog workflows={workflows.map((w) => ({ key: w.key, name: w.name }))} defaultWorkflow={params.workflow} />
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
        <StateChips filter={filter} states={selectedStates.map((s) => ({ key: s.key, label: s.label, kind: s.kind, count: countByState.get(s.key) ?? 0 }))} />
      )}
      {page.items.length === 0 ? (
        <EmptyState icon={InboxIcon} title={params.cursor ? "No more documents" : "No documents here"}
          action={(isFiltered || params.cursor) && <Link href="/documents" className={buttonClass.secondary}>Clear filters</Link>}>
          {params.cursor
            ? "You have reached the end of the list."
            : isFiltered
              ? "No document matches this filter right now."
              : "Documents appear here once a system creates them through the API."}
        </EmptyState>
      ) : (
        <>
          <DocumentsTable items={page.items} now={now} describeState={describeState} />
          <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-slate-500 dark:text-slate-400">
            <span className="tabular">
              {!params.cursor && !page.nextCursor ? `Showing all ${page.items.length}` : `${page.items.length} on this page`}
            </span>
            <div className="flex gap-2">
              {params.cursor && (
                <Link href={documentsQuery(filter)} className={buttonClass.secondary}>
                  <ChevronLeftIcon className="h-4 w-4" /> First page
                </Link>
              )}
              {page.nextCursor && (
                <Link href={documentsQuery(filter, page.nextCursor)} className={buttonClass.secondary}>
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

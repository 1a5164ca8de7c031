import type { Metadata } from "next";
import { LastRetryPanel } from "@/components/documents/detail/last-retry-panel";
import { getLastRetry } from "@/lib/services/recovery/get-last-retry";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminMove } from "@/components/documents/detail/admin-move";
import { MigrateDocumentButton } from "@/components/versions/migrate-document-button";
import { ContentPreview } from "@/components/documents/detail/content-preview";
import { HistoryTimeline } from "@/components/documents/detail/history-timeline";
import { JobPanel } from "@/components/documents/detail/job-panel";
import { MetadataEditor } from "@/components/documents/detail/metadata-editor";
import { Panel } from "@/components/documents/detail/panel";
import { StaleGuardProvider } from "@/components/documents/detail/stale-guard";
import { TimerPanel } from "@/components/documents/detail/timer-panel";
import { TransitionsPanel } from "@/components/documents/detail/transitions-panel";
import { WorkflowMiniGraph } from "@/components/documents/detail/workflow-mini-graph";
import { DocumentHeader } from "@/components/documents/detail/document-header";
import { ChevronLeftIcon } from "@/components/ui/icons";
import { checkCancel, checkRetry, checkSettleAction, hasAtLeastRole, type StateDef } from "@/lib/engine";
import { historyPath } from "@/lib/timeline/history-timeline";
import { actionOutputSources } from "@/lib/timeline/action-outputs";
import { ActionFields } from "@/components/documents/detail/action-fields";
import { getDb } from "@/lib/db/client";
import { isAppError } from "@/lib/errors/app-error";
import { getDocument } from "@/lib/services/documents/get-document";
import { getDocumentWorkflow } from "@/lib/services/documents/get-document-workflow";
import { getHistory } from "@/lib/services/documents/get-history";
import { listAvailableTransitions } from "@/lib/services/documents/list-available-transitions";
import { requirePageActor } from "../../page-auth";
import {
  cancelJobAction,
  fireTransitionAction,
  moveDocumentAction,
  retryDocumentAction,
  settleActionAction,
  updateMetadataAction,
} from "./actions";
import { documentsHref } from "@/lib/contracts/document-filter";

export const metadata: Metadata = { title: "Document" };

export default async function DocumentPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  const db = await getDb();
  const loaded = await Promise.all([
    getDocument(db, { id }),
    getDocumentWorkflow(db, { id }, actor),
    listAvailableTransitions(db, actor, { id }),
    getHistory(db, { id }, actor),
    getLastRetry(db, { documentId: id }),
  ]).catch((error: unknown) => {
    if (isAppError(error) && error.code === "DOCUMENT_NOT_FOUND") return null;
    throw error;
  });
  if (!loaded) notFound();
  const [doc, workflow, available, history, lastRetry] = loaded;
  const outputSources = actionOutputSources(history);
  const { definition } = workflow;
  const labels = Object.fromEntries(definition.states.map((s) => [s.key, s.label ?? s.key]));
  const state = definition.states.find((s) => s.key === doc.state);
  const now = new Date();
  const canOperate = hasAtLeastRole(actor.role, "operator");
  const stateLabel = (key: string) => labels[key] ?? key;

  return (
    <StaleGuardProvider documentId={doc.id} loaded={{ version: doc.version, job: doc.job }}>
      <Link
        href={documentsHref({ workflow: workflow.workflow.key })}
        className="mb-3 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-white"
      >
        <ChevronLeftIcon className="h-4 w-4" /> {workflow.workflow.name}
      </Link>
      <DocumentHeader
        doc={doc}
        workflowName={workflow.workflow.name}
        stateLabel={stateLabel(doc.state)}
        stateKind={state?.kind ?? "unknown"}
        slaSeconds={state?.sla?.maxSeconds}
        nowIso={now.toISOString()}
      />
      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-5">
          <Panel title="Transitions">
            <TransitionsPanel
              documentId={doc.id}
              version={doc.version}
              transitions={available.transitions}
              canFire={canOperate}
              stateLabels={labels}
              action={fireTransitionAction}
            />
          </Panel>
          <Panel
            title={`Workflow · ${workflow.workflow.name} v${workflow.version} · this document's path highlighted`}
            bodyClassName="px-4 py-3"
          >
            <div className="mx-auto max-w-3xl">
              <WorkflowMiniGraph definition={definition} current={doc.state} path={historyPath(history)} />
            </div>
          </Panel>
          <HistoryTimeline documentId={doc.id} events={history} nowIso={now.toISOString()} stateLabels={labels} />
        </div>
        <aside className="min-w-0 space-y-5">
          {lastRetry && <LastRetryPanel key={lastRetry.requestedAt} documentId={doc.id} initial={lastRetry} />}
          {doc.timer && (
            <TimerPanel
              timer={doc.timer}
              transitionLabel={
                definition.transitions.find((t) => t.key === doc.timer!.transition)?.label ?? doc.timer.transition
              }
              nowIso={now.toISOString()}
            />
          )}
          {doc.job && (
            <JobPanel
              documentId={doc.id}
              job={doc.job}
              documentVersion={doc.version}
              retry={checkRetry(definition, doc, actor.role)}
              cancel={checkCancel(doc, actor.role)}
              settle={{
                // The reason is asked for in the form; the checks here decide everything else.
                complete: checkSettleAction(definition, doc, actor.role, { outcome: "complete", reason: "given" }),
                fail: checkSettleAction(definition, doc, actor.role, { outcome: "fail", reason: "given" }),
              }}
              outputInto={outputIntoOf(state)}
              actions={{ retry: retryDocumentAction, cancel: cancelJobAction, settle: settleActionAction }}
            />
          )}
          <MetadataEditor
            documentId={doc.id}
            version={doc.version}
            metadata={doc.metadata}
            canEdit={canOperate}
            action={updateMetadataAction}
          />
          {outputSources.length > 0 && <ActionFields sources={outputSources} stateLabels={labels} />}
          <ContentPreview documentId={doc.id} content={doc.content} />
          {hasAtLeastRole(actor.role, "admin") && (
            <MigrateDocumentButton
              workflowKey={workflow.workflow.key}
              documentId={doc.id}
              version={doc.workflowVersion}
            />
          )}
          {hasAtLeastRole(actor.role, "admin") && (
            <AdminMove
              documentId={doc.id}
              version={doc.version}
              title={doc.title}
              currentState={doc.state}
              states={definition.states.map((s) => ({
                key: s.key,
                label: s.label ?? s.key,
                hasAction: Boolean(s.action),
              }))}
              action={moveDocumentAction}
            />
          )}
        </aside>
      </div>
    </StaleGuardProvider>
  );
}

/** The output path of a state's webhook action, when it maps one. */
function outputIntoOf(state: StateDef | undefined): string | undefined {
  return state?.action?.type === "webhook" ? state.action.output?.into : undefined;
}

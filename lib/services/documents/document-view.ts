import type { JobStatus, TimerStatus } from "../../db/generated/enums";
import type { DocumentViewRow } from "../../db/sql/select-document-views";

/** A document as the API and UI return it (lib/api/response-schemas.ts documents the shape). */
export interface DocumentView {
  id: string;
  workflow: string;
  workflowVersion: number;
  title: string;
  state: string;
  version: number;
  stateEnteredAt: string;
  metadata: Record<string, unknown>;
  externalRef: string | null;
  createdAt: string;
  updatedAt: string;
  content: { contentType: string; size: number; sha256: string } | null;
  job: {
    status: Lowercase<JobStatus>;
    attempt: number;
    nextAttemptAt: string | null;
    lastError: string | null;
    /** The state whose action this is (the document's, or the one onFailure moved it on from). */
    state: string;
  } | null;
  /** The state's armed timer: when it fires which transition, or that its transition was refused. */
  timer: {
    state: string;
    transition: string;
    dueAt: string;
    status: Lowercase<TimerStatus>;
    lastError: string | null;
  } | null;
}

export function toDocumentView(row: DocumentViewRow): DocumentView {
  return {
    id: row.id,
    workflow: row.workflow.key,
    workflowVersion: row.workflowVersion.version,
    title: row.title,
    state: row.state,
    version: row.version,
    stateEnteredAt: row.stateEnteredAt.toISOString(),
    metadata: (row.metadata ?? {}) as Record<string, unknown>,
    externalRef: row.externalRef,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    content: row.content,
    job: row.job
      ? {
          status: row.job.status.toLowerCase() as Lowercase<JobStatus>,
          attempt: row.job.attempt,
          nextAttemptAt: row.job.status === "PENDING" ? row.job.runAt.toISOString() : null,
          lastError: row.job.lastError,
          state: row.job.state,
        }
      : null,
    timer: row.timer
      ? {
          state: row.timer.state,
          transition: row.timer.transition,
          dueAt: row.timer.dueAt.toISOString(),
          status: row.timer.status.toLowerCase() as Lowercase<TimerStatus>,
          lastError: row.timer.lastError,
        }
      : null,
  };
}

import { JobStatus, TimerStatus } from "../generated/enums";
import { date, enumValues, int, jsonObject, oneOf } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

export interface DocumentViewRow {
  id: string;
  title: string;
  state: string;
  version: number;
  stateEnteredAt: Date;
  metadata: Record<string, unknown>;
  externalRef: string | null;
  createdAt: Date;
  updatedAt: Date;
  workflow: { key: string };
  workflowVersion: { version: number };
  content: { contentType: string; size: number; sha256: string } | null;
  job: { status: JobStatus; attempt: number; runAt: Date; lastError: string | null; state: string } | null;
  timer: { state: string; transition: string; dueAt: Date; status: TimerStatus; lastError: string | null } | null;
}

/** A view row as the driver gives it (also the ending of apply-state-change.ts's view statement). */
export interface DocumentViewFlatRow {
  id: string;
  title: string;
  state: string;
  version: unknown;
  stateEnteredAt: unknown;
  metadata: unknown;
  externalRef: string | null;
  createdAt: unknown;
  updatedAt: unknown;
  workflow: string;
  workflowVersion: unknown;
  contentType: string | null;
  contentSize: unknown;
  sha256: string | null;
  jobStatus: string | null;
  jobAttempt: unknown;
  jobRunAt: unknown;
  jobLastError: string | null;
  jobState: string | null;
  timerState: string | null;
  timerTransition: string | null;
  timerDueAt: unknown;
  timerStatus: string | null;
  timerLastError: string | null;
}

const JOB_STATUSES = enumValues(JobStatus);
const TIMER_STATUSES = enumValues(TimerStatus);

// Everything a document view needs in one round trip (Prisma's include would issue one
// query per relation). Only the content's metadata columns are read, never the body.
const STATEMENT = {
  name: "docstate_select_document_views",
  text: `
SELECT d."id"::text AS "id", d."title", d."state", d."version", d."stateEnteredAt", d."metadata", d."externalRef",
       d."createdAt", d."updatedAt", w."key" AS "workflow", v."version" AS "workflowVersion",
       c."contentType", c."size" AS "contentSize", c."sha256",
       j."status"::text AS "jobStatus", j."attempt" AS "jobAttempt", j."runAt" AS "jobRunAt", j."lastError" AS "jobLastError",
       j."state" AS "jobState", t."state" AS "timerState", t."transition" AS "timerTransition", t."dueAt" AS "timerDueAt",
       t."status"::text AS "timerStatus", t."lastError" AS "timerLastError"
  FROM "Document" d
  JOIN "Workflow" w ON w."id" = d."workflowId"
  JOIN "WorkflowVersion" v ON v."id" = d."workflowVersionId"
  LEFT JOIN "DocumentContent" c ON c."documentId" = d."id"
  LEFT JOIN "Job" j ON j."documentId" = d."id"
  LEFT JOIN "DocumentTimer" t ON t."documentId" = d."id"
 WHERE d."id" = ANY($1::text[]::uuid[])`,
};

/** The view rows of the given documents, in no particular order (missing ids are absent). */
export async function selectDocumentViews(sql: SqlExecutor, ids: string[]): Promise<DocumentViewRow[]> {
  if (ids.length === 0) return [];
  const rows = await sql.rows<DocumentViewFlatRow>(STATEMENT, [ids]);
  return rows.map(decodeDocumentView);
}

/** One view row decoded: JSON parsed, timestamps as Dates, statuses checked. */
export function decodeDocumentView(row: DocumentViewFlatRow): DocumentViewRow {
  return {
    id: row.id,
    title: row.title,
    state: row.state,
    version: int(row.version),
    stateEnteredAt: date(row.stateEnteredAt),
    metadata: jsonObject(row.metadata),
    externalRef: row.externalRef,
    createdAt: date(row.createdAt),
    updatedAt: date(row.updatedAt),
    workflow: { key: row.workflow },
    workflowVersion: { version: int(row.workflowVersion) },
    content:
      row.contentType !== null
        ? { contentType: row.contentType, size: int(row.contentSize), sha256: row.sha256! }
        : null,
    job:
      row.jobStatus !== null
        ? {
            status: oneOf(row.jobStatus, JOB_STATUSES),
            attempt: int(row.jobAttempt),
            runAt: date(row.jobRunAt),
            lastError: row.jobLastError,
            state: row.jobState!,
          }
        : null,
    timer:
      row.timerStatus !== null
        ? {
            state: row.timerState!,
            transition: row.timerTransition!,
            dueAt: date(row.timerDueAt),
            status: oneOf(row.timerStatus, TIMER_STATUSES),
            lastError: row.timerLastError,
          }
        : null,
  };
}

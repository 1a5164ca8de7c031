import type { PrismaClient } from "../generated/client";
import type { JobStatus } from "../generated/enums";

export interface DocumentViewRow {
  id: string;
  title: string;
  state: string;
  version: number;
  stateEnteredAt: Date;
  metadata: unknown;
  externalRef: string | null;
  createdAt: Date;
  updatedAt: Date;
  workflow: { key: string };
  workflowVersion: { version: number };
  content: { contentType: string; size: number; sha256: string } | null;
  job: { status: JobStatus; attempt: number; runAt: Date; lastError: string | null } | null;
}

interface FlatRow {
  id: string;
  title: string;
  state: string;
  version: number;
  stateEnteredAt: Date | string;
  metadata: unknown;
  externalRef: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
  workflow: string;
  workflowVersion: number;
  contentType: string | null;
  contentSize: number | null;
  sha256: string | null;
  jobStatus: JobStatus | null;
  jobAttempt: number | null;
  jobRunAt: Date | string | null;
  jobLastError: string | null;
}

// Everything a document view needs in one round trip (Prisma's include would issue one
// query per relation). Only the content's metadata columns are read, never the body.
const STATEMENT = `
SELECT d."id"::text AS "id", d."title", d."state", d."version", d."stateEnteredAt", d."metadata", d."externalRef",
       d."createdAt", d."updatedAt", w."key" AS "workflow", v."version" AS "workflowVersion",
       c."contentType", c."size" AS "contentSize", c."sha256",
       j."status"::text AS "jobStatus", j."attempt" AS "jobAttempt", j."runAt" AS "jobRunAt", j."lastError" AS "jobLastError"
  FROM "Document" d
  JOIN "Workflow" w ON w."id" = d."workflowId"
  JOIN "WorkflowVersion" v ON v."id" = d."workflowVersionId"
  LEFT JOIN "DocumentContent" c ON c."documentId" = d."id"
  LEFT JOIN "Job" j ON j."documentId" = d."id"
 WHERE d."id" = ANY($1::text[]::uuid[])`;

const date = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/** The view rows of the given documents, in no particular order (missing ids are absent). */
export async function selectDocumentViews(prisma: PrismaClient, ids: string[]): Promise<DocumentViewRow[]> {
  if (ids.length === 0) return [];
  const rows = await prisma.$queryRawUnsafe<FlatRow[]>(STATEMENT, ids);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    state: row.state,
    version: row.version,
    stateEnteredAt: date(row.stateEnteredAt),
    metadata: typeof row.metadata === "string" ? JSON.parse(row.metadata) : row.metadata,
    externalRef: row.externalRef,
    createdAt: date(row.createdAt),
    updatedAt: date(row.updatedAt),
    workflow: { key: row.workflow },
    workflowVersion: { version: row.workflowVersion },
    content:
      row.contentType !== null ? { contentType: row.contentType, size: row.contentSize!, sha256: row.sha256! } : null,
    job:
      row.jobStatus !== null
        ? { status: row.jobStatus, attempt: row.jobAttempt!, runAt: date(row.jobRunAt!), lastError: row.jobLastError }
        : null,
  }));
}

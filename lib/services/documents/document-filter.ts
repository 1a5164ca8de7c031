import type { JobScope } from "../../db/sql/count-job-scope";
import type { StateScope } from "../../db/sql/count-state-scope";
import {
  documentFilterConditions,
  documentJobScope,
  documentStateScope,
  type DocumentConditions,
} from "../../db/sql/document-filter-sql";
import { parseTook, type DocumentFilter, type TookStep } from "../../contracts/document-filter";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { loadPublishedDefinition } from "../workflows/load-published-definition";

/*
 * A document filter (lib/contracts/document-filter.ts) resolved against the database: the
 * workflow looked up, and error states and SLAs read from every published version.
 */

export interface ResolvedFilter {
  /** Conditions on the documents, for the statements in lib/db/sql that take them. */
  conditions: DocumentConditions;
  workflowId?: string;
  /** The states the documents must be in, when the filter pins them (for the per-state counters). */
  scope: StateScope | null;
  /** The jobs the documents must have, when the filter pins them (a job status, an error signature). */
  jobs: JobScope | null;
  /** With a text search (q): the same conditions, the title index asked for a part of q. */
  search?: { q: string; narrowedTo: (part: string) => DocumentConditions };
}

/**
 * The filter with what its SQL needs looked up: the workflow's id, and for `errors` and
 * `sla` the error states and SLAs of each published version's definition (documents are
 * pinned to versions, and versions may differ, so both are exact per document, not per
 * workflow's latest version). The conditions themselves are built in lib/db/sql.
 */
export async function resolveDocumentFilter(db: ServiceDb, filter: DocumentFilter): Promise<ResolvedFilter> {
  let workflowId: string | undefined;
  if (filter.workflow) {
    const workflow = await db.prisma.workflow.findUnique({ where: { key: filter.workflow }, select: { id: true } });
    if (!workflow) throw new AppError("WORKFLOW_NOT_FOUND", `No workflow with key "${filter.workflow}".`);
    workflowId = workflow.id;
  }
  const versions = filter.errors || filter.sla ? await publishedVersions(db, workflowId) : [];
  const filterSql = {
    workflowId,
    state: filter.state,
    status: filter.status,
    signature: filter.signature,
    errorStates: filter.errors
      ? versions.flatMap((v) =>
          v.states.filter((s) => s.kind === "error").map((s) => ({ versionId: v.id, state: s.key })),
        )
      : undefined,
    slaStates: filter.sla
      ? versions.flatMap((v) =>
          v.states.flatMap((s) => (s.sla ? [{ versionId: v.id, state: s.key, maxSeconds: s.sla.maxSeconds }] : [])),
        )
      : undefined,
    q: filter.q,
    createdFrom: filter.createdFrom,
    createdTo: filter.createdTo,
    updatedFrom: filter.updatedFrom,
    updatedTo: filter.updatedTo,
    took: filter.took ? toStep(parseTook(filter.took)) : undefined,
    path: filter.path ? filter.path.split(">") : undefined,
    historyFrom: filter.tookFrom,
    historyTo: filter.tookTo,
  };
  const conditions = documentFilterConditions(filterSql);
  const q = filter.q;
  return {
    conditions,
    workflowId,
    scope: documentStateScope(filterSql),
    jobs: documentJobScope(filterSql),
    ...(q
      ? { search: { q, narrowedTo: (part: string) => documentFilterConditions({ ...filterSql, qIndexPart: part }) } }
      : {}),
  };
}

async function publishedVersions(db: ServiceDb, workflowId: string | undefined) {
  const rows = await db.prisma.workflowVersion.findMany({
    where: { status: "PUBLISHED", ...(workflowId ? { workflowId } : {}) },
    select: { id: true },
  });
  return Promise.all(
    rows.map(async (row) => ({ id: row.id, states: (await loadPublishedDefinition(db, row.id)).states })),
  );
}

const toStep = (step: TookStep) => ({
  fromState: step.fromState,
  toState: step.toState,
  ...(step.transition ? { transitionKey: step.transition } : {}),
});

import type { JobScope } from "./count-job-scope";
import type { StateScope } from "./count-state-scope";
import { completedPathCondition, tookStepCondition, type HistoryStep } from "./history-criteria-sql";
import { empty, join, sql, type Sql } from "./sql-template";

/*
 * "Which documents" as SQL conditions on `"Document" d`: the documents list, the bulk
 * selection and the dashboard's links all run the same conditions, so a filter that lists
 * 1,234 documents is exactly the set a bulk action over it acts on. The caller (the filter
 * service) has already looked up the workflow and, for `errors` and `sla`, the states of
 * every published version: documents are pinned to versions and versions may differ, so
 * those two are exact per document, not per workflow's latest version.
 * Every value is a parameter; no input ever becomes SQL text.
 */

/** Conditions on `"Document" d`, ANDed (documentsWhere); opaque outside lib/db/sql. */
export type DocumentConditions = readonly Sql[];

export interface DocumentFilterSql {
  workflowId?: string;
  state?: string;
  /** Status of the document's job; "retrying" = PENDING after at least one failed attempt. */
  status?: "pending" | "running" | "exhausted" | "cancelled" | "retrying" | "waiting";
  /** Only documents in one of these (published version, error state) pairs; none = no document. */
  errorStates?: { versionId: string; state: string }[];
  /** Only documents longer than maxSeconds in one of these (version, state) pairs; none = no document. */
  slaStates?: { versionId: string; state: string; maxSeconds: number }[];
  /** Only documents whose waiting or exhausted job failed with this signature. */
  signature?: string;
  /** Title contains (case-insensitive) or externalRef equals. */
  q?: string;
  /**
   * A part of q (a word of it with its separators) that the title search index is asked for
   * instead of all of q; the title is still matched against all of q (select-document-page.ts).
   */
  qIndexPart?: string;
  createdFrom?: Date;
  createdTo?: Date;
  updatedFrom?: Date;
  updatedTo?: Date;
  /** Only documents whose history holds this step (history-criteria-sql.ts). */
  took?: HistoryStep;
  /** Only documents that completed by this path (states entered, in order). */
  path?: readonly string[];
  /** Bounds of took and path: when the step was taken or the path completed. */
  historyFrom?: Date;
  historyTo?: Date;
}

export function documentFilterConditions(filter: DocumentFilterSql): DocumentConditions {
  const conditions: Sql[] = [];
  if (filter.workflowId) conditions.push(sql`d."workflowId" = ${filter.workflowId}::uuid`);
  if (filter.state) conditions.push(sql`d."state" = ${filter.state}`);
  const jobs = jobConditions(filter);
  if (jobs) conditions.push(sql`EXISTS (SELECT 1 FROM "Job" j WHERE j."documentId" = d."id" AND ${jobs})`);
  if (filter.errorStates) {
    const pairs = filter.errorStates.map((s) => sql`(${s.versionId}::uuid, ${s.state})`);
    conditions.push(pairs.length ? sql`(d."workflowVersionId", d."state") IN (${join(pairs)})` : sql`FALSE`);
  }
  if (filter.slaStates) {
    const over = filter.slaStates.map(
      (s) => sql`(d."workflowVersionId" = ${s.versionId}::uuid AND d."state" = ${s.state}
        AND d."stateEnteredAt" < now() - make_interval(secs => ${s.maxSeconds}))`,
    );
    conditions.push(over.length ? sql`(${join(over, " OR ")})` : sql`FALSE`);
  }
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    // With an index word, the whole pattern is matched on a copy of the title (`|| ''`), an
    // expression no index has, so the planner asks the trigram index for the word alone.
    conditions.push(
      filter.qIndexPart
        ? sql`((d."title" ILIKE ${containsPattern(filter.qIndexPart)} AND (d."title" || '') ILIKE ${pattern})
               OR d."externalRef" = ${filter.q})`
        : sql`(d."title" ILIKE ${pattern} OR d."externalRef" = ${filter.q})`,
    );
  }
  // Bounds are instants (timestamptz), whatever the session's TimeZone.
  if (filter.createdFrom) conditions.push(sql`d."createdAt" >= ${filter.createdFrom.toISOString()}::timestamptz`);
  if (filter.createdTo) conditions.push(sql`d."createdAt" < ${filter.createdTo.toISOString()}::timestamptz`);
  if (filter.updatedFrom) conditions.push(sql`d."updatedAt" >= ${filter.updatedFrom.toISOString()}::timestamptz`);
  if (filter.updatedTo) conditions.push(sql`d."updatedAt" < ${filter.updatedTo.toISOString()}::timestamptz`);
  const period = { from: filter.historyFrom, to: filter.historyTo };
  if (filter.took) conditions.push(tookStepCondition(filter.took, period));
  if (filter.path) conditions.push(completedPathCondition(filter.path, period));
  return conditions;
}

/**
 * The states a filter pins its documents to, for the per-state counters
 * (select-document-page.ts), or null when it pins none. Error states and SLA states are pairs
 * of a version and a state (either one bounds the matches; the error states are taken when
 * both are set), narrowed to the filter's state when it has one.
 */
export function documentStateScope(filter: DocumentFilterSql): StateScope | null {
  const pairs = filter.errorStates ?? filter.slaStates;
  if (pairs) {
    const versionStates = pairs
      .filter((p) => !filter.state || p.state === filter.state)
      .map((p) => ({ versionId: p.versionId, state: p.state }));
    return { workflowId: filter.workflowId, states: [], versionStates };
  }
  return filter.state ? { workflowId: filter.workflowId, states: [filter.state], versionStates: [] } : null;
}

/**
 * The jobs a filter pins its documents to (a job status, an error signature), for counting
 * and sorting them (select-document-page.ts), or null when it pins none. Retrying jobs carry their
 * document's workflow (Job.workflowId, set by a trigger as a job starts waiting for a retry),
 * so those of one workflow are one range of their partial index.
 */
export function documentJobScope(filter: DocumentFilterSql): JobScope | null {
  const jobs = jobConditions(filter);
  if (!jobs) return null;
  const inWorkflow =
    filter.status === "retrying" && filter.workflowId ? sql` AND j."workflowId" = ${filter.workflowId}::uuid` : empty;
  return { conditions: sql`${jobs}${inWorkflow}` };
}

/** The filter's conditions on its document's job (`"Job" j`), or null for none. */
function jobConditions(filter: DocumentFilterSql): Sql | null {
  const parts: Sql[] = [];
  if (filter.status === "retrying") parts.push(sql`j."status" = 'PENDING' AND j."attempt" > 0`);
  else if (filter.status) parts.push(sql`j."status" = ${filter.status.toUpperCase()}::"JobStatus"`);
  if (filter.signature) {
    parts.push(sql`j."errorSignature" = ${filter.signature} AND j."status" IN ('PENDING', 'EXHAUSTED')`);
  }
  return parts.length ? join(parts, " AND ") : null;
}

/** A LIKE pattern matching any text that contains `text` (its wildcards escaped). */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Exactly the listed documents (a bulk selection by ids; duplicates are harmless). */
export function documentIdConditions(documentIds: readonly string[]): DocumentConditions {
  return [sql`d."id" = ANY(${documentIds}::uuid[])`];
}

/** The conditions plus one more, e.g. a keyset bound. */
export function withCondition(conditions: DocumentConditions, extra: Sql): DocumentConditions {
  return [...conditions, extra];
}

/** `WHERE c1 AND c2 …`, or nothing for no condition. */
export function documentsWhere(conditions: DocumentConditions): Sql {
  return conditions.length ? sql`WHERE ${join([...conditions], " AND ")}` : empty;
}

/** The documents pinned to one workflow version (a migration's source version). */
export function documentVersionCondition(workflowVersionId: string): Sql {
  return sql`d."workflowVersionId" = ${workflowVersionId}::uuid`;
}

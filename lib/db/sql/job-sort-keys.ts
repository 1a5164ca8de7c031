// A document's job carries the document's sort keys (Job.documentUpdatedAt and
// documentCreatedAt, migration 20261213000000) so that a list filtered by a job status sorts
// the matching jobs without reading their documents (select-document-page.ts). createdAt
// never changes; every statement that changes a document's updatedAt copies it to the job in
// the same statement: the ones that write the job anyway set it there, the others add this.

/**
 * A CTE body that copies the new updatedAt (`at`) of the documents in `source` (a CTE with
 * "documentId" and "at") to their jobs, if they have one. After the document's UPDATE in the
 * same statement, so the document row is locked before the job row, as everywhere.
 */
export function jobFollowsDocument(source: string, condition = "TRUE"): string {
  return `UPDATE "Job" SET "documentUpdatedAt" = ${source}."at" FROM ${source}
   WHERE "Job"."documentId" = ${source}."documentId" AND ${condition}`;
}

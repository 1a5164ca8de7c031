import { int, json } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

// The latest published version of each given workflow (every workflow when the list is NULL):
// one backward walk per workflow of the unique (workflowId, version) index. Without the
// definition, which callers cache per version (a published version never changes).
const LATEST = {
  name: "docstate_select_latest_published_versions",
  text: `
SELECT DISTINCT ON ("workflowId") "workflowId"::text AS "workflowId", "version", "id"::text AS "id"
  FROM "WorkflowVersion"
 WHERE "status" = 'PUBLISHED' AND ($1::uuid[] IS NULL OR "workflowId" = ANY($1::uuid[]))
 ORDER BY "workflowId", "version" DESC`,
};

const DEFINITIONS = {
  name: "docstate_select_version_definitions",
  text: `SELECT "id"::text AS "id", "definition" FROM "WorkflowVersion" WHERE "id" = ANY($1::uuid[])`,
};

export async function selectLatestPublishedVersions(
  sql: SqlExecutor,
  workflowIds: string[] | null,
): Promise<{ workflowId: string; version: number; id: string }[]> {
  const rows = await sql.rows<{ workflowId: string; version: unknown; id: string }>(LATEST, [workflowIds]);
  return rows.map((row) => ({ workflowId: row.workflowId, version: int(row.version), id: row.id }));
}

/** The stored definitions of the given versions, unvalidated. */
export async function selectVersionDefinitions(sql: SqlExecutor, ids: string[]): Promise<Map<string, unknown>> {
  const rows = await sql.rows<{ id: string; definition: unknown }>(DEFINITIONS, [ids]);
  return new Map(rows.map((row) => [row.id, json(row.definition)]));
}

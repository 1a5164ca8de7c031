import { readFromReplica } from "../../db/read-replica";
import { selectErrorGroups } from "../../db/sql/select-error-groups";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";

export interface ErrorGroup {
  signature: string;
  /** The latest full message of the group, as a readable example. */
  example: string;
  workflow: string;
  /** State that owns the failing action. */
  state: string;
  count: number;
  exhausted: number;
  retrying: number;
  firstSeen: string;
  lastSeen: string;
  exampleDocumentIds: string[];
}

/**
 * Documents whose automated action failed, grouped by error signature (action type plus the
 * normalised message, computed by the worker) per workflow and action state: how many, how
 * many exhausted vs still retrying, first and last seen, and a few example documents.
 */
export function listErrorGroups(
  db: ServiceDb,
  input: { workflow?: string; limit?: number } = {},
): Promise<ErrorGroup[]> {
  return readFromReplica(db, (reads) => listErrorGroupsFrom(reads, input));
}

async function listErrorGroupsFrom(
  db: ServiceDb,
  input: { workflow?: string; limit?: number } = {},
): Promise<ErrorGroup[]> {
  const rows = await selectErrorGroups(executorFor(db), {
    workflow: input.workflow,
    limit: Math.min(Math.max(input.limit ?? 50, 1), 200),
  });
  return rows.map((row) => ({
    signature: row.signature,
    example: row.example,
    workflow: row.workflow,
    state: row.state,
    count: row.count,
    exhausted: row.exhausted,
    retrying: row.retrying,
    firstSeen: row.firstSeen.toISOString(),
    lastSeen: row.lastSeen.toISOString(),
    exampleDocumentIds: row.documentIds,
  }));
}

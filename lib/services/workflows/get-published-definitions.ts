import { parseDefinition, type StateKind, type WorkflowDefinition } from "../../engine";
import { selectLatestPublishedVersions, selectVersionDefinitions } from "../../db/sql/select-published-versions";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";

export interface PublishedDefinition {
  workflowId: string;
  version: number;
  /** null when the stored JSON no longer parses (written by an older, laxer schema). */
  definition: WorkflowDefinition | null;
}

// Parsed definitions per published version id. A published version is immutable, so an
// entry never goes stale; the cap only bounds memory (oldest entries go first).
const parsedVersions = new Map<string, WorkflowDefinition | null>();
const PARSED_VERSIONS_CAP = 1_000;

/**
 * The latest published definition of each given workflow (all workflows when `workflowIds`
 * is omitted), keyed by workflow id. Workflows without a published version are absent.
 * One prepared statement (the latest published version per workflow, from the unique
 * (workflowId, version) index); definitions are read and parsed only for versions this
 * process has not parsed before.
 */
export async function getPublishedDefinitions(
  db: ServiceDb,
  input: { workflowIds?: string[] } = {},
): Promise<Map<string, PublishedDefinition>> {
  if (input.workflowIds?.length === 0) return new Map();
  const sql = executorFor(db);
  const latest = await selectLatestPublishedVersions(sql, input.workflowIds ?? null);
  const missing = latest.filter((row) => !parsedVersions.has(row.id)).map((row) => row.id);
  if (missing.length > 0) {
    for (const [id, stored] of await selectVersionDefinitions(sql, missing)) {
      const parsed = parseDefinition(stored);
      if (parsedVersions.size >= PARSED_VERSIONS_CAP) parsedVersions.delete(parsedVersions.keys().next().value!);
      parsedVersions.set(id, parsed.ok ? parsed.definition : null);
    }
  }
  return new Map(
    latest.map((row) => [
      row.workflowId,
      { workflowId: row.workflowId, version: row.version, definition: parsedVersions.get(row.id) ?? null },
    ]),
  );
}

export interface StateInfo {
  key: string;
  label: string;
  kind: StateKind | "unknown";
}

/**
 * The states to show for a workflow, in definition order, followed by any state that only
 * documents still carry (e.g. removed in a later version) as kind "unknown". Pure.
 */
export function statesForDisplay(
  definition: WorkflowDefinition | null,
  extraStateKeys: Iterable<string> = [],
): StateInfo[] {
  const states: StateInfo[] = (definition?.states ?? []).map((s) => ({
    key: s.key,
    label: s.label ?? s.key,
    kind: s.kind,
  }));
  const known = new Set(states.map((s) => s.key));
  for (const key of extraStateKeys) {
    if (!known.has(key)) {
      known.add(key);
      states.push({ key, label: key, kind: "unknown" });
    }
  }
  return states;
}

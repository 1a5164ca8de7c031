import { parseDefinition, type StateKind, type WorkflowDefinition } from "../../engine";
import type { ServiceDb } from "../db-types";

export interface PublishedDefinition {
  workflowId: string;
  version: number;
  /** null when the stored JSON no longer parses (written by an older, laxer schema). */
  definition: WorkflowDefinition | null;
}

/**
 * The latest published definition of each given workflow (all workflows when `workflowIds`
 * is omitted), keyed by workflow id. Workflows without a published version are absent.
 * Two indexed reads: the max published version per workflow, then exactly those rows by
 * the unique (workflowId, version) key — never every historical definition.
 */
export async function getPublishedDefinitions(
  db: ServiceDb,
  input: { workflowIds?: string[] } = {},
): Promise<Map<string, PublishedDefinition>> {
  if (input.workflowIds?.length === 0) return new Map();
  const latest = await db.prisma.workflowVersion.groupBy({
    by: ["workflowId"],
    where: { status: "PUBLISHED", ...(input.workflowIds ? { workflowId: { in: input.workflowIds } } : {}) },
    _max: { version: true },
  });
  const keys = latest.flatMap((row) =>
    row._max.version === null ? [] : [{ workflowId: row.workflowId, version: row._max.version }],
  );
  if (keys.length === 0) return new Map();
  const rows = await db.prisma.workflowVersion.findMany({
    where: { OR: keys },
    select: { workflowId: true, version: true, definition: true },
  });
  return new Map(
    rows.map((row) => {
      const parsed = parseDefinition(row.definition);
      return [
        row.workflowId,
        { workflowId: row.workflowId, version: row.version, definition: parsed.ok ? parsed.definition : null },
      ];
    }),
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

import { parseDefinition, type WorkflowDefinition } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";

// Published versions are immutable, so their parsed definitions can be cached for the life
// of the process. Bounded so a workflow with thousands of versions cannot grow it forever.
const MAX_CACHED = 500;
const cache = new Map<string, WorkflowDefinition>();
const workflowKeys = new Map<string, string>();
let generation = 0;

/**
 * The published definitions this process has loaded, most recently loaded last, and a number
 * that changes whenever that set does (callers cache what they derive from it).
 */
export function loadedPublishedDefinitions(): {
  generation: number;
  definitions: ReadonlyMap<string, WorkflowDefinition>;
} {
  return { generation, definitions: cache };
}

/** The workflow key of a version whose definition was loaded in this process (metrics labels). */
export function cachedWorkflowKey(workflowVersionId: string): string {
  return workflowKeys.get(workflowVersionId) ?? "unknown";
}

/**
 * The parsed definition of a published workflow version (validated again on the way out of
 * the database: a row edited by hand must not crash the engine).
 */
export async function loadPublishedDefinition(db: ServiceDb, workflowVersionId: string): Promise<WorkflowDefinition> {
  const cached = cache.get(workflowVersionId);
  if (cached) return cached;
  const row = await db.prisma.workflowVersion.findUnique({
    where: { id: workflowVersionId },
    select: { definition: true, status: true, workflow: { select: { key: true } } },
  });
  if (!row) throw new AppError("NOT_FOUND", "The document's workflow version no longer exists.");
  const parsed = parseDefinition(row.definition);
  if (!parsed.ok) {
    throw new AppError(
      "INTERNAL",
      `Stored definition of version ${workflowVersionId} is invalid: ${parsed.issues[0]?.path} ${parsed.issues[0]?.message}`,
    );
  }
  workflowKeys.set(workflowVersionId, row.workflow.key);
  if (row.status === "PUBLISHED") {
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(workflowVersionId, parsed.definition);
    generation += 1;
  }
  return parsed.definition;
}

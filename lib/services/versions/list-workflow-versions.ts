import { type Actor, hasAtLeastRole } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { loadPublishedDefinition } from "../workflows/load-published-definition";

/**
 * A version's place in the workflow's life: `active` is the latest published version (new
 * documents start there); an older one is `draining` while it still holds documents and
 * `retired` once it is empty or an admin closed it (retiredAt: no migration may move
 * documents onto it). Drafts are not listed: they hold no documents.
 */
export type VersionStatus = "active" | "draining" | "retired";

export interface WorkflowVersionView {
  version: number;
  status: VersionStatus;
  publishedAt: string | null;
  retiredAt: string | null;
  /** Documents pinned to this version. */
  documents: number;
  /** Per state, only states holding documents, in state-key order. */
  states: { state: string; count: number }[];
  /** The version's states as its definition lists them (the Migrate wizard maps between them). */
  definitionStates: { key: string; kind: string; label: string | null }[];
}

/** Pure: a published version's status from its place and count. */
export function versionStatus(input: { isLatest: boolean; documents: number; retiredAt: Date | null }): VersionStatus {
  if (input.isLatest) return "active";
  return input.documents === 0 || input.retiredAt ? "retired" : "draining";
}

/**
 * Every published version of a workflow, newest first, with its document counts per state
 * read from the trigger-maintained counters (DocumentStateCount: a few shard rows per
 * version and state), never a scan of the documents.
 */
export async function listWorkflowVersions(
  db: ServiceDb,
  actor: Pick<Actor, "role">,
  input: { key: string },
): Promise<{ workflow: string; versions: WorkflowVersionView[] }> {
  if (!hasAtLeastRole(actor.role, "viewer")) throw new AppError("FORBIDDEN", "You cannot see workflows.");
  const workflow = await db.prisma.workflow.findUnique({
    where: { key: input.key },
    select: {
      id: true,
      versions: {
        where: { status: "PUBLISHED" },
        orderBy: { version: "desc" },
        select: { id: true, version: true, publishedAt: true, retiredAt: true },
      },
    },
  });
  if (!workflow) throw new AppError("WORKFLOW_NOT_FOUND", `No workflow with key "${input.key}".`);
  const counts = await db.prisma.documentStateCount.groupBy({
    by: ["workflowVersionId", "state"],
    where: { workflowId: workflow.id },
    _sum: { count: true },
    orderBy: [{ workflowVersionId: "asc" }, { state: "asc" }],
  });
  const byVersion = new Map<string, { state: string; count: number }[]>();
  for (const row of counts) {
    const count = row._sum.count ?? 0;
    if (count <= 0) continue;
    const states = byVersion.get(row.workflowVersionId) ?? [];
    states.push({ state: row.state, count });
    byVersion.set(row.workflowVersionId, states);
  }
  return {
    workflow: input.key,
    versions: await Promise.all(
      workflow.versions.map(async (v, index) => {
        const states = byVersion.get(v.id) ?? [];
        const documents = states.reduce((sum, s) => sum + s.count, 0);
        const definition = await loadPublishedDefinition(db, v.id);
        return {
          version: v.version,
          status: versionStatus({ isLatest: index === 0, documents, retiredAt: v.retiredAt }),
          publishedAt: v.publishedAt?.toISOString() ?? null,
          retiredAt: v.retiredAt?.toISOString() ?? null,
          documents,
          states,
          definitionStates: definition.states.map((s) => ({ key: s.key, kind: s.kind, label: s.label ?? null })),
        };
      }),
    ),
  };
}

import {
  type Actor,
  hasAtLeastRole,
  parseDefinition,
  resolveStateMapping,
  type WorkflowDefinition,
} from "../../engine";
import { documentVersionCondition, withCondition, type DocumentConditions } from "../../db/sql/document-filter-sql";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { selectionConditions } from "../bulk/bulk-selection";
import type { MigrationInput } from "../../contracts/migration-requests";
import type { BulkSelection } from "../../contracts/bulk-request";

export interface PlanVersion {
  id: string;
  version: number;
  definition: WorkflowDefinition;
}

/** A validated plan: both versions, the complete mapping, and which documents of A it covers. */
export interface MigrationPlan {
  workflowId: string;
  workflowKey: string;
  from: PlanVersion;
  to: PlanVersion;
  mapping: Record<string, string>;
  reason: string | null;
  /** The selection narrowed to the documents pinned to A. */
  conditions: DocumentConditions;
}

/**
 * Checks a migration plan and completes its mapping, writing nothing. Refusals, in this
 * order: not an admin (FORBIDDEN); no such workflow (WORKFLOW_NOT_FOUND); the same version
 * twice (SAME_VERSION); a version that is not published (VERSION_NOT_PUBLISHED); a retired
 * target (VERSION_RETIRED); a selection that names another workflow (WORKFLOW_MISMATCH); a
 * mapping from or onto a state the version lacks (UNKNOWN_STATE); states of A left
 * unmapped (UNMAPPED_STATES, every one listed in `details.states`).
 */
export async function resolveMigrationPlan(
  db: ServiceDb,
  actor: Pick<Actor, "role">,
  input: MigrationInput,
): Promise<MigrationPlan> {
  if (!hasAtLeastRole(actor.role, "admin"))
    throw new AppError("FORBIDDEN", "Only admins can migrate documents between workflow versions.");
  const workflow = await db.prisma.workflow.findUnique({ where: { key: input.key }, select: { id: true } });
  if (!workflow) throw new AppError("WORKFLOW_NOT_FOUND", `No workflow with key "${input.key}".`);
  if (input.fromVersion === input.toVersion)
    throw new AppError(
      "SAME_VERSION",
      `Documents of version ${input.fromVersion} are already on version ${input.toVersion}; choose another target.`,
      { details: { version: input.fromVersion } },
    );
  const from = await publishedVersion(db, workflow.id, input.key, input.fromVersion);
  const to = await publishedVersion(db, workflow.id, input.key, input.toVersion);
  if (to.retiredAt)
    throw new AppError(
      "VERSION_RETIRED",
      `Version ${to.version} of "${input.key}" is retired: it takes no more documents. Reopen it or choose another target.`,
      { details: { version: to.version } },
    );
  const selection = await scopedSelection(db, workflow.id, input.key, input.selection);
  const resolved = resolveStateMapping(from.definition, to.definition, input.mapping);
  if (!resolved.ok)
    throw new AppError(resolved.code, resolved.message, {
      details: { states: resolved.states, fromVersion: from.version, toVersion: to.version },
    });
  const conditions = withCondition(
    selection ? await selectionConditions(db, selection) : [],
    documentVersionCondition(from.id),
  );
  return {
    workflowId: workflow.id,
    workflowKey: input.key,
    from: { id: from.id, version: from.version, definition: from.definition },
    to: { id: to.id, version: to.version, definition: to.definition },
    mapping: resolved.mapping,
    reason: input.reason?.trim() || null,
    conditions,
  };
}

async function publishedVersion(db: ServiceDb, workflowId: string, key: string, version: number) {
  const row = await db.prisma.workflowVersion.findUnique({
    where: { workflowId_version: { workflowId, version } },
    select: { id: true, version: true, status: true, definition: true, retiredAt: true },
  });
  if (!row || row.status !== "PUBLISHED")
    throw new AppError(
      "VERSION_NOT_PUBLISHED",
      row
        ? `Version ${version} of "${key}" is a draft; publish it before migrating documents to or from it.`
        : `"${key}" has no version ${version}.`,
      { details: { version } },
    );
  const parsed = parseDefinition(row.definition);
  if (!parsed.ok) throw new AppError("INTERNAL", `Stored definition of version ${version} of "${key}" is invalid.`);
  return { id: row.id, version: row.version, definition: parsed.definition, retiredAt: row.retiredAt };
}

/**
 * The selection confined to this workflow: a filter naming another workflow, or listed ids of
 * another workflow's documents, make the plan one between different workflows (refused).
 */
async function scopedSelection(
  db: ServiceDb,
  workflowId: string,
  key: string,
  selection: BulkSelection | undefined,
): Promise<BulkSelection | undefined> {
  if (!selection) return undefined;
  if ("filter" in selection) {
    if (selection.filter.workflow && selection.filter.workflow !== key)
      throw new AppError(
        "WORKFLOW_MISMATCH",
        `The filter selects documents of "${selection.filter.workflow}", not of "${key}": a plan migrates within one workflow.`,
      );
    return { filter: { ...selection.filter, workflow: key } };
  }
  const foreign = await db.prisma.document.findMany({
    where: { id: { in: selection.documentIds }, workflowId: { not: workflowId } },
    select: { id: true },
    take: 5,
  });
  if (foreign.length > 0)
    throw new AppError(
      "WORKFLOW_MISMATCH",
      `Some listed documents belong to another workflow than "${key}" (e.g. ${foreign[0]!.id}); a plan migrates within one workflow.`,
      { details: { documentIds: foreign.map((d) => d.id) } },
    );
  return selection;
}

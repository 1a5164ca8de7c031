import { type Actor, hasAtLeastRole, validateGraph, type GraphProblem } from "../../engine";
import type { Prisma } from "../../db/generated/client";
import { executorFor } from "../../db/sql/sql-executor";
import { lockWorkflowRow } from "../../db/sql/transaction-locks";
import { AppError } from "../../errors/app-error";
import { recordAudit } from "../audit";
import type { ServiceDb } from "../db-types";
import { requireWellFormedDefinition } from "./definition-input";

export interface SaveDraftInput {
  key: string;
  definition: unknown;
  /** The draft revision the editor started from (0: there was no draft); a different current revision is a 409. */
  expectedRevision?: number;
}

export interface SavedDraft {
  version: number;
  revision: number;
  problems: GraphProblem[];
}

/**
 * Saves the workflow's draft (admins only), creating it after a publish. Concurrent editors
 * are detected by revision: a save based on an older revision is refused, never merged.
 */
export async function saveDraft(db: ServiceDb, actor: Actor, input: SaveDraftInput): Promise<SavedDraft> {
  if (!hasAtLeastRole(actor.role, "admin")) throw new AppError("FORBIDDEN", "Only admins can edit workflows.");
  const definition = requireWellFormedDefinition(input.definition);
  const json = definition as unknown as Prisma.InputJsonObject;
  const saved = await db.prisma.$transaction(async (tx) => {
    const workflow = await tx.workflow.findUnique({ where: { key: input.key }, select: { id: true } });
    if (!workflow) throw new AppError("WORKFLOW_NOT_FOUND", `No workflow with key "${input.key}".`);
    // Serialise draft writers of this workflow (row lock), so revision checks cannot interleave.
    await lockWorkflowRow(executorFor(tx), workflow.id);
    const draft = await tx.workflowVersion.findFirst({
      where: { workflowId: workflow.id, status: "DRAFT" },
      select: { id: true, version: true, revision: true },
    });
    if (draft) {
      if (input.expectedRevision !== undefined && input.expectedRevision !== draft.revision) {
        throw new AppError(
          "CONFLICT",
          `The draft was changed elsewhere (revision ${draft.revision}, you edited ${input.expectedRevision}). Reload to see it.`,
          {
            details: { currentRevision: draft.revision },
          },
        );
      }
      const updated = await tx.workflowVersion.update({
        where: { id: draft.id },
        data: { definition: json, revision: { increment: 1 } },
        select: { version: true, revision: true },
      });
      await tx.workflow.update({ where: { id: workflow.id }, data: { updatedAt: new Date() } });
      await recordAudit(tx, actor, {
        action: "workflow.save_draft",
        entityType: "workflow",
        entityId: workflow.id,
        details: { version: updated.version, revision: updated.revision },
      });
      return updated;
    }
    // A tab that edited revision n of a draft which has since been published (or discarded)
    // would otherwise start a new draft from its stale copy and undo the publish next time.
    if (input.expectedRevision !== undefined && input.expectedRevision > 0) {
      throw new AppError(
        "CONFLICT",
        "The draft you edited was published elsewhere since you opened it. Reload to edit the new version.",
        {
          details: { currentRevision: 0 },
        },
      );
    }
    const latest = await tx.workflowVersion.aggregate({ where: { workflowId: workflow.id }, _max: { version: true } });
    const created = await tx.workflowVersion.create({
      data: { workflowId: workflow.id, version: (latest._max.version ?? 0) + 1, status: "DRAFT", definition: json },
      select: { version: true, revision: true },
    });
    await recordAudit(tx, actor, {
      action: "workflow.save_draft",
      entityType: "workflow",
      entityId: workflow.id,
      details: { version: created.version, revision: created.revision },
    });
    return created;
  });
  return { ...saved, problems: validateGraph(definition) };
}

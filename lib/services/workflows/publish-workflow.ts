import { type Actor, hasAtLeastRole, parseDefinition, validateGraph } from "../../engine";
import { executorFor } from "../../db/sql/sql-executor";
import { lockWorkflowRow } from "../../db/sql/transaction-locks";
import { AppError } from "../../errors/app-error";
import { recordAudit } from "../audit";
import type { ServiceDb } from "../db-types";

/**
 * Publishes the draft as the next immutable version (admins only). Refused with every
 * problem when the graph is invalid (errors; warnings do not block). The draft row itself
 * becomes the published version, so the next edit starts a new draft.
 */
export async function publishWorkflow(
  db: ServiceDb,
  actor: Actor,
  input: { key: string; expectedRevision?: number },
): Promise<{ version: number }> {
  if (!hasAtLeastRole(actor.role, "admin")) throw new AppError("FORBIDDEN", "Only admins can publish workflows.");
  return db.prisma.$transaction(async (tx) => {
    const workflow = await tx.workflow.findUnique({ where: { key: input.key }, select: { id: true } });
    if (!workflow) throw new AppError("WORKFLOW_NOT_FOUND", `No workflow with key "${input.key}".`);
    await lockWorkflowRow(executorFor(tx), workflow.id);
    const draft = await tx.workflowVersion.findFirst({
      where: { workflowId: workflow.id, status: "DRAFT" },
      select: { id: true, version: true, revision: true, definition: true },
    });
    if (!draft)
      throw new AppError("CONFLICT", "There is no draft to publish: the latest version is already published.");
    if (input.expectedRevision !== undefined && input.expectedRevision !== draft.revision) {
      throw new AppError(
        "CONFLICT",
        `The draft was changed elsewhere (revision ${draft.revision}); review it before publishing.`,
      );
    }
    const parsed = parseDefinition(draft.definition);
    if (!parsed.ok) throw new AppError("INVALID_DEFINITION", "The draft is malformed.", { fieldErrors: parsed.issues });
    const problems = validateGraph(parsed.definition).filter((p) => p.severity === "error");
    if (problems.length > 0) {
      throw new AppError(
        "INVALID_DEFINITION",
        `The workflow has ${problems.length} problem(s) and cannot be published.`,
        {
          details: { problems },
        },
      );
    }
    const now = new Date();
    await tx.workflowVersion.update({
      where: { id: draft.id },
      data: { status: "PUBLISHED", publishedAt: now, publishedById: actor.type === "USER" ? actor.id : null },
    });
    await tx.workflow.update({ where: { id: workflow.id }, data: { updatedAt: now } });
    await recordAudit(tx, actor, {
      action: "workflow.publish",
      entityType: "workflow",
      entityId: workflow.id,
      details: { version: draft.version },
    });
    return { version: draft.version };
  });
}
